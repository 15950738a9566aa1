package fr.espacecommun.tenant;

import java.nio.file.Path;

/**
 * One error in a tenant file, precise enough for an operator to fix it.
 *
 * @param file the file
 * @param line 1-based line of the offending value (0 when the whole file is at fault)
 * @param column 1-based column of the offending value (0 when the whole file is at fault)
 * @param rule short id of the rule broken ({@code schema.required},
 * {@code hosts.unique}…)
 * @param message what is wrong, in English, naming the value
 */
public record TenantConfigError(Path file, int line, int column, String rule, String message) {

	@Override
	public String toString() {
		return this.file.getFileName() + ":" + this.line + ":" + this.column + ": [" + this.rule + "] " + this.message;
	}

}
