package fr.espacecommun.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Keycloak server ({@code kc.sh start-dev}, in-memory database) started from the
 * cached Keycloak distribution, for tests and local runs.
 * <p>
 * Several servers may run at once from the same distribution (the run command and the
 * test suite): each has its own ports, temporary folder, transaction log and log file. A
 * {@link #persistent()} server keeps its realms in an H2 file in its own folder, so it
 * can be killed ({@link #kill()}) and started again without losing them.
 */
public final class EmbeddedKeycloak implements AutoCloseable {

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

	/**
	 * Generous: a warm start takes ~15 s on 2 idle cores, but a loaded shared machine was
	 * seen taking over 3 minutes, and a slow start is not a failure.
	 */
	private static final Duration START_TIMEOUT = Duration
		.ofSeconds(Long.getLong("espace.keycloak.start-timeout-seconds", 600));

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedKeycloak.class);

	private static @Nullable EmbeddedKeycloak shared;

	private final KeycloakDistribution distribution;

	private final int httpPort;

	private final int managementPort;

	private final String adminUsername = "admin";

	private final String adminPassword;

	private final Path runDir;

	private final Path logFile;

	/** Folder of the H2 file database, or null for the in-memory one. */
	private final @Nullable Path dataDir;

	// volatile: the shutdown hook reads it without the lock, which start() may hold
	private volatile @Nullable Process process;

	/** A server on free ports, not started yet. */
	public EmbeddedKeycloak() {
		this(freePort(), freePort());
	}

	/** A server on the given ports, not started yet. */
	public EmbeddedKeycloak(int httpPort, int managementPort) {
		this(httpPort, managementPort, false);
	}

	private EmbeddedKeycloak(int httpPort, int managementPort, boolean persistent) {
		this.distribution = KeycloakDistribution.prepare();
		this.httpPort = httpPort;
		this.managementPort = managementPort;
		this.adminPassword = randomPassword();
		try {
			Files.createDirectories(this.distribution.runsDir());
			deleteRunDirsOfDeadProcesses(this.distribution.runsDir());
			this.runDir = Files.createTempDirectory(this.distribution.runsDir(),
					"pid-" + ProcessHandle.current().pid() + "-port-" + httpPort + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.logFile = this.runDir.resolve("keycloak.log");
		this.dataDir = persistent ? this.runDir.resolve("data") : null;
		// no Keycloak outlives the JVM that started it, whoever forgets to stop it
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "embedded-keycloak-stop"));
	}

	/**
	 * A server on free ports, not started yet, whose realms, users and keys survive a
	 * restart, even after {@link #kill()}: they live in an H2 file database in the
	 * server's folder (deleted by {@link #close()}). The database is chosen by the
	 * run-time option {@code --db-url} on the usual {@code --db=dev-mem} build, so the
	 * shared distribution is not rebuilt ({@code --db=dev-file} is a build option); H2
	 * writes each commit at once ({@code WRITE_DELAY=0}), so a killed server loses none.
	 */
	public static EmbeddedKeycloak persistent() {
		return new EmbeddedKeycloak(freePort(), freePort(), true);
	}

	/**
	 * The server of this JVM, started on first use and stopped when the JVM exits.
	 */
	public static synchronized EmbeddedKeycloak shared() {
		if (shared == null) {
			shared = new EmbeddedKeycloak();
		}
		shared.start();
		return shared;
	}

	/** Starts the server, if it is not running, and waits until it is ready. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		String buildOptions = String.join(" ", BUILD_OPTIONS);
		long start = System.nanoTime();
		boolean rebuilt = false;
		// the first start after unpacking rebuilds the distribution (kc.sh build refuses
		// the dev profile): no other process may start from it until that is done
		try (KeycloakDistribution.Lock lock = this.distribution.lock()) {
			if (!this.distribution.isBuiltFor(buildOptions)) {
				launch();
				awaitReady();
				this.distribution.markBuiltFor(buildOptions);
				rebuilt = true;
			}
		}
		if (!rebuilt) {
			launch();
			awaitReady();
		}
		logger.info("Keycloak {} ready at {} in {} ms{} (log: {})", KeycloakDistribution.VERSION, url(),
				Duration.ofNanos(System.nanoTime() - start).toMillis(), rebuilt ? ", distribution rebuilt" : "",
				this.logFile);
	}

	/**
	 * Stops the server and every process it started; a later {@link #start()} reuses the
	 * ports.
	 */
	public synchronized void stop() {
		destroy();
	}

	/**
	 * Kills the server and its processes at once (SIGKILL), as a crash would: nothing is
	 * flushed or closed. A later {@link #start()} reuses the ports, and a
	 * {@link #persistent()} server finds its realms again.
	 */
	public synchronized void kill() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		List<ProcessHandle> tree = new ArrayList<>(running.descendants().toList());
		tree.add(running.toHandle());
		tree.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle handle : tree) {
			try {
				handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				logger.warn("Keycloak process {} still running after SIGKILL", handle.pid());
			}
		}
	}

	private void destroy() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		List<ProcessHandle> tree = new ArrayList<>(running.descendants().toList());
		tree.add(running.toHandle());
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		for (ProcessHandle handle : tree) {
			try {
				handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
		tree.forEach(ProcessHandle::destroyForcibly);
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Base URL, such as {@code http://localhost:8123}. */
	public String url() {
		return "http://localhost:" + this.httpPort;
	}

	/** Management interface (health) base URL. */
	public String managementUrl() {
		return "http://localhost:" + this.managementPort;
	}

	/** Administrator of the {@code master} realm. */
	public String adminUsername() {
		return this.adminUsername;
	}

	public String adminPassword() {
		return this.adminPassword;
	}

	/** Keycloak's own output. */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Exports one realm with its users and their hashed credentials, as an operator
	 * moving a realm to another cluster does ({@code kc.sh export --realm <realm> --users
	 * realm_file}): offline, so the server must be stopped and its database on disk.
	 * @param realm the realm's name
	 * @param directory where to write {@code <realm>-realm.json}
	 * @return the exported file
	 */
	public synchronized Path exportRealm(String realm, Path directory) {
		if (this.dataDir == null || isRunning()) {
			throw new IllegalStateException(
					"kc.sh export reads the database of a stopped server started with " + "persistent()");
		}
		List<String> command = new ArrayList<>(List.of(this.distribution.kcScript().toString(), "export"));
		command.addAll(BUILD_OPTIONS);
		command.add("--db-url=" + databaseUrl());
		command.addAll(List.of("--realm", realm, "--users", "realm_file", "--dir", directory.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.runDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		environment(builder.environment());
		try {
			Process export = builder.start();
			if (!export.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || export.exitValue() != 0) {
				export.destroyForcibly();
				throw new IllegalStateException(
						"kc.sh export failed; end of " + this.logFile + ":" + System.lineSeparator() + logTail());
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

	private String databaseUrl() {
		return "jdbc:h2:file:" + this.dataDir.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;WRITE_DELAY=0";
	}

	private void environment(Map<String, String> env) {
		env.keySet().removeIf((name) -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS"));
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("JAVA_OPTS", javaOptions());
		env.put("KC_BOOTSTRAP_ADMIN_USERNAME", this.adminUsername);
		env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", this.adminPassword);
	}

	private void launch() {
		List<String> command = new ArrayList<>(
				List.of("sh", "-c", WATCHDOG, "keycloak-watchdog", String.valueOf(ProcessHandle.current().pid())));
		command.add(this.distribution.kcScript().toString());
		command.add("start-dev");
		command.addAll(BUILD_OPTIONS);
		command.add("--http-port=" + this.httpPort);
		command.add("--http-management-port=" + this.managementPort);
		command.add("--hostname=localhost");
		// the platform's themes, copied into this server's folder rather than the shared
		// distribution's themes/: servers of other checkouts may run from it meanwhile
		command.add("--spi-theme--folder--dir=" + KeycloakThemes.copyInto(this.runDir.resolve("themes")));
		if (this.dataDir != null) {
			command.add("--db-url=" + databaseUrl());
		}
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.runDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		environment(builder.environment());
		try {
			Files.createDirectories(this.runDir.resolve("tmp"));
			Files.writeString(this.logFile, "--- " + String.join(" ", command) + System.lineSeparator(),
					StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	private String javaOptions() {
		// kc.sh drops its defaults when JAVA_OPTS is set: keep the ones that matter.
		// The serial collector suits 2 cores. C1 only (-XX:TieredStopAtLevel=1) starts
		// ~2 s sooner but creates realms 2-3 times slower: a net loss for a test suite.
		// Temporary files and the transaction log would otherwise go to the shared
		// distribution folder, where two servers would step on each other.
		// espace.keycloak.java-opts adds options (the last occurrence wins).
		return String
			.join(" ", "-Xms64m", "-Xmx512m", "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC",
					"-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-Djava.security.egd=file:/dev/urandom",
					"-Djava.io.tmpdir=" + this.runDir.resolve("tmp"),
					"-Dquarkus.transaction-manager.object-store.directory=" + this.runDir.resolve("transaction-logs"),
					System.getProperty("espace.keycloak.java-opts", ""))
			.trim();
	}

	private void awaitReady() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/health/ready"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Process running = this.process;
			if (running == null || !running.isAlive()) {
				String exit = (running != null) ? " with exit code " + running.exitValue() : "";
				this.process = null;
				throw new IllegalStateException("Keycloak stopped during start-up" + exit + "; end of " + this.logFile
						+ ":" + System.lineSeparator() + logTail());
			}
			try {
				if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException ex) {
				// not listening yet
			}
			catch (IOException ex) {
				logger.debug("Keycloak not ready yet", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				stop();
				throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
			}
			sleep(Duration.ofMillis(250));
		}
		stop();
		throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toSeconds() + " s; end of "
				+ this.logFile + ":" + System.lineSeparator() + logTail());
	}

	/** The last lines of Keycloak's log, for error messages. */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	/** Stops the server and deletes its folder (log included). */
	@Override
	public void close() {
		// not stop(): a JVM stopped during start() must not wait for the start-up to end
		destroy();
		KeycloakDistribution.deleteRecursively(this.runDir);
	}

	// left behind by JVMs killed without running their shutdown hooks
	private static void deleteRunDirsOfDeadProcesses(Path runsDir) throws IOException {
		try (Stream<Path> runs = Files.list(runsDir)) {
			runs.forEach((run) -> {
				String[] parts = run.getFileName().toString().split("-");
				if (parts.length > 1 && parts[0].equals("pid") && parts[1].chars().allMatch(Character::isDigit)
						&& ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
					KeycloakDistribution.deleteRecursively(run);
				}
			});
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port", ex);
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
