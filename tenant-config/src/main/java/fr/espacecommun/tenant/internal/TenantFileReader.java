package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.TenantDefinition;

/**
 * Reads one tenant file: YAML syntax, then the schema, then the cross-field rules. Each
 * stage runs only when the previous one passed, so an operator is not buried under
 * consequences of a single typo.
 */
public final class TenantFileReader {

	private TenantFileReader() {
	}

	static ParsedFile read(Path file, Path tenantsDir, PlatformFacts facts) {
		List<TenantConfigError> errors = new ArrayList<>();
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
		}
		catch (CharacterCodingException ex) {
			return ParsedFile.refused(file,
					List.of(new TenantConfigError(file, 0, 0, "file.encoding", "the file is not UTF-8 text")));
		}
		catch (IOException ex) {
			return ParsedFile.refused(file,
					List.of(new TenantConfigError(file, 0, 0, "file.unreadable", "cannot read the file: " + ex)));
		}
		YamlTree tree = YamlTree.parse(file, text, errors);
		if (tree == null) {
			return ParsedFile.refused(file, errors);
		}
		SchemaCheck.check(file, tree, errors);
		if (!errors.isEmpty()) {
			return ParsedFile.refused(file, errors);
		}
		TenantDefinition tenant = TenantBinder.bind(tree.root(), file, tenantsDir);
		TenantRules.check(file, tree, tenant, tenantsDir, facts, errors);
		if (!errors.isEmpty()) {
			return ParsedFile.refused(file, errors);
		}
		return new ParsedFile(file, tenant, List.of(), tree);
	}

	/**
	 * The outcome of reading one file.
	 *
	 * @param file the file
	 * @param tenant the definition, or {@code null} when refused
	 * @param errors why it was refused (empty when accepted)
	 * @param tree the parsed file, kept to place catalogue-wide errors (duplicate hosts)
	 */
	public record ParsedFile(Path file, TenantDefinition tenant, List<TenantConfigError> errors, YamlTree tree) {

		static ParsedFile refused(Path file, List<TenantConfigError> errors) {
			return new ParsedFile(file, null, List.copyOf(errors), null);
		}

		public boolean accepted() {
			return this.tenant != null;
		}

		ParsedFile refuse(String pointer, String rule, String message) {
			TenantConfigError error = this.tree.valueAt(pointer).error(this.file, rule, message);
			return refused(this.file, List.of(error));
		}

	}

}
