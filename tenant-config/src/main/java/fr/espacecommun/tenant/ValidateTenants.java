package fr.espacecommun.tenant;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Validates a tenants folder offline, exactly as the running platform would load it:
 * {@code java -cp … fr.espacecommun.tenant.ValidateTenants tenants/}.
 */
public final class ValidateTenants {

	/** Every file accepted. */
	static final int VALID = 0;

	/** At least one file refused. */
	static final int INVALID = 1;

	/** Wrong arguments or no such folder. */
	static final int USAGE = 2;

	private ValidateTenants() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 1) {
			err.println("usage: ValidateTenants <tenants-folder>");
			return USAGE;
		}
		Path directory = Path.of(args[0]);
		if (!Files.isDirectory(directory)) {
			err.println(directory + ": not a folder");
			return USAGE;
		}
		ReloadReport report = new FileTenantCatalog(directory).reload();
		for (TenantConfigError error : report.errors()) {
			out.println(directory.relativize(error.file()) + ":" + error.line() + ":" + error.column() + ": ["
					+ error.rule() + "] " + error.message());
		}
		if (!report.ok()) {
			err.println(report.refused().size() + " file(s) refused, " + report.errors().size() + " error(s)");
			return INVALID;
		}
		out.println(report.added().size() + " tenant(s) valid: " + String.join(", ", report.added()));
		return VALID;
	}

}
