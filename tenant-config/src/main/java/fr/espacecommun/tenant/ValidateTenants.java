package fr.espacecommun.tenant;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a tenants folder offline, exactly as the running platform would load it:
 * {@code ValidateTenants [--clusters=default,east] [--platform-hosts=…] tenants/}. The
 * clusters and platform hosts are those of the platform the files are meant for
 * ({@code espace.keycloak.clusters}, {@code espace.platform.hosts}); by default the local
 * run's ({@link PlatformFacts#LOCAL}).
 */
public final class ValidateTenants {

	/** Every file accepted. */
	static final int VALID = 0;

	/** At least one file refused. */
	static final int INVALID = 1;

	/** Wrong arguments or no such folder. */
	static final int USAGE = 2;

	private static final String CLUSTERS = "--clusters=";

	private static final String PLATFORM_HOSTS = "--platform-hosts=";

	private ValidateTenants() {
	}

	public static void main(String[] args) {
		// the validator's lines are its output: no logging framework is on its jar, and
		// SLF4J's notice that it found none would only stand between them
		System.setProperty("slf4j.internal.verbosity", "ERROR");
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		Set<String> clusters = PlatformFacts.LOCAL.clusters();
		Set<String> platformHosts = PlatformFacts.LOCAL.platformHosts();
		List<String> folders = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith(CLUSTERS)) {
				clusters = names(arg.substring(CLUSTERS.length()));
			}
			else if (arg.startsWith(PLATFORM_HOSTS)) {
				platformHosts = names(arg.substring(PLATFORM_HOSTS.length()));
			}
			else {
				folders.add(arg);
			}
		}
		if (folders.size() != 1 || clusters.isEmpty()) {
			err.println("usage : ValidateTenants [--clusters=default,autre] [--platform-hosts=hôte,…] <dossier>");
			return USAGE;
		}
		Path directory = Path.of(folders.get(0));
		if (!Files.isDirectory(directory)) {
			err.println(directory + " : ce n'est pas un dossier");
			return USAGE;
		}
		ReloadReport report = new FileTenantCatalog(directory, Duration.ZERO,
				new PlatformFacts(clusters, platformHosts))
			.reload();
		for (TenantConfigError error : report.errors()) {
			out.println(directory.relativize(error.file()) + ":" + error.line() + ":" + error.column() + ": ["
					+ error.rule() + "] " + error.message());
		}
		if (!report.ok()) {
			err.println(report.refused().size() + " fichier(s) refusé(s), " + report.errors().size() + " erreur(s)");
			return INVALID;
		}
		out.println(report.added().size() + " commune(s) valide(s) : " + String.join(", ", report.added()));
		return VALID;
	}

	private static Set<String> names(String list) {
		Set<String> names = new LinkedHashSet<>();
		for (String name : list.split(",")) {
			if (!name.isBlank()) {
				names.add(name.trim());
			}
		}
		return names;
	}

}
