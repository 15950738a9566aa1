package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code kc.sh} commands an embedded server runs, with their options and environment:
 * {@code start-dev} under a watchdog, and the offline realm export.
 */
final class KeycloakCommandLine {

	/** Options fixed when Keycloak is augmented: changing them triggers a rebuild. */
	static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem", "--health-enabled=true");

	/**
	 * Runs the command given after the parent's pid, and stops it once the parent is
	 * gone: no Keycloak outlives a JVM killed without running its shutdown hooks (kill
	 * -9, an IDE's stop button, a surefire timeout).
	 */
	private static final String WATCHDOG = """
			parent=$1; shift
			"$@" &
			child=$!
			while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
			kill "$child" 2>/dev/null
			wait "$child"
			""";

	private final Path kcScript;

	private final KeycloakRunFolder folder;

	private final int httpPort;

	private final int managementPort;

	private final String adminUsername;

	private final String adminPassword;

	KeycloakCommandLine(Path kcScript, KeycloakRunFolder folder, int httpPort, int managementPort, String adminUsername,
			String adminPassword) {
		this.kcScript = kcScript;
		this.folder = folder;
		this.httpPort = httpPort;
		this.managementPort = managementPort;
		this.adminUsername = adminUsername;
		this.adminPassword = adminPassword;
	}

	/** {@code kc.sh start-dev} on the server's ports, reading its themes from there. */
	List<String> startDev(Path themes) {
		List<String> command = new ArrayList<>(
				List.of("sh", "-c", WATCHDOG, "keycloak-watchdog", String.valueOf(ProcessHandle.current().pid())));
		command.add(this.kcScript.toString());
		command.add("start-dev");
		command.addAll(BUILD_OPTIONS);
		command.add("--http-port=" + this.httpPort);
		command.add("--http-management-port=" + this.managementPort);
		command.add("--hostname=localhost");
		// the platform's themes, copied into this server's folder rather than the shared
		// distribution's themes/: servers of other checkouts may run from it meanwhile
		command.add("--spi-theme--folder--dir=" + themes);
		if (this.folder.dataDir() != null) {
			command.add("--db-url=" + databaseUrl());
		}
		return command;
	}

	/**
	 * Runs {@code kc.sh export --realm <realm> --users realm_file}, reading the database
	 * of a stopped persistent server.
	 * @return the exported file, {@code <realm>-realm.json} in the directory
	 */
	Path export(String realm, Path directory, Duration timeout) {
		List<String> command = new ArrayList<>(List.of(this.kcScript.toString(), "export"));
		command.addAll(BUILD_OPTIONS);
		command.add("--db-url=" + databaseUrl());
		command.addAll(List.of("--realm", realm, "--users", "realm_file", "--dir", directory.toString()));
		try {
			Process export = processBuilder(command).start();
			if (!export.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || export.exitValue() != 0) {
				export.destroyForcibly();
				throw new IllegalStateException("kc.sh export failed; end of " + this.folder.logFile() + ":"
						+ System.lineSeparator() + this.folder.logTail());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during kc.sh export", ex);
		}
		return directory.resolve(realm + "-realm.json");
	}

	/**
	 * The command, run in the server's folder, its output appended to the server's log.
	 */
	ProcessBuilder processBuilder(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.folder.dir().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.folder.logFile().toFile()));
		environment(builder.environment());
		return builder;
	}

	private String databaseUrl() {
		return "jdbc:h2:file:" + this.folder.dataDir().resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;WRITE_DELAY=0";
	}

	private void environment(Map<String, String> env) {
		env.keySet().removeIf((name) -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS"));
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("JAVA_OPTS", javaOptions());
		env.put("KC_BOOTSTRAP_ADMIN_USERNAME", this.adminUsername);
		env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", this.adminPassword);
	}

	private String javaOptions() {
		// kc.sh drops its defaults when JAVA_OPTS is set: keep the ones that matter.
		// The serial collector suits 2 cores. C1 only (-XX:TieredStopAtLevel=1) starts
		// ~2 s sooner but creates realms 2-3 times slower: a net loss for a test suite.
		// Temporary files and the transaction log would otherwise go to the shared
		// distribution folder, where two servers would step on each other.
		// espace.keycloak.java-opts adds options (the last occurrence wins).
		Path dir = this.folder.dir();
		return String
			.join(" ", "-Xms64m", "-Xmx512m", "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC",
					"-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-Djava.security.egd=file:/dev/urandom",
					"-Djava.io.tmpdir=" + dir.resolve("tmp"),
					"-Dquarkus.transaction-manager.object-store.directory=" + dir.resolve("transaction-logs"),
					System.getProperty("espace.keycloak.java-opts", ""))
			.trim();
	}

}
