package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

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

	private final KeycloakRunFolder folder;

	private final KeycloakCommandLine commands;

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
		this.folder = KeycloakRunFolder.create(this.distribution.runsDir(), httpPort, persistent);
		this.commands = new KeycloakCommandLine(this.distribution.kcScript(), this.folder, httpPort, managementPort,
				this.adminUsername, this.adminPassword);
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
		String buildOptions = String.join(" ", KeycloakCommandLine.BUILD_OPTIONS);
		long start = System.nanoTime();
		boolean rebuilt = false;
		// the first start after unpacking rebuilds the distribution (kc.sh build refuses
		// the dev profile): no other process may start from it until that is done
		try (DistributionLock lock = this.distribution.lock()) {
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
				logFile());
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
		if (running != null) {
			this.process = null;
			ProcessTrees.kill(running, STOP_TIMEOUT);
		}
	}

	private void destroy() {
		Process running = this.process;
		if (running != null) {
			this.process = null;
			ProcessTrees.stop(running, STOP_TIMEOUT);
		}
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
		return this.folder.logFile();
	}

	/** The last lines of Keycloak's log, for error messages. */
	public String logTail() {
		return this.folder.logTail();
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
		if (this.folder.dataDir() == null || isRunning()) {
			throw new IllegalStateException(
					"kc.sh export reads the database of a stopped server started with " + "persistent()");
		}
		return this.commands.export(realm, directory, START_TIMEOUT);
	}

	private void launch() {
		List<String> command = this.commands.startDev(KeycloakThemes.copyInto(this.folder.dir().resolve("themes")));
		this.folder.prepareLaunch(command);
		try {
			this.process = this.commands.processBuilder(command).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	private void awaitReady() {
		HealthWait.Outcome outcome;
		try {
			outcome = HealthWait.await(URI.create(managementUrl() + "/health/ready"), () -> this.process,
					START_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop();
			throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
		}
		if (outcome == HealthWait.Outcome.EXITED) {
			Process running = this.process;
			String exit = (running != null) ? " with exit code " + running.exitValue() : "";
			this.process = null;
			throw new IllegalStateException("Keycloak stopped during start-up" + exit + "; end of " + logFile() + ":"
					+ System.lineSeparator() + logTail());
		}
		if (outcome == HealthWait.Outcome.TIMED_OUT) {
			stop();
			throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toSeconds() + " s; end of "
					+ logFile() + ":" + System.lineSeparator() + logTail());
		}
	}

	/** Stops the server and deletes its folder (log included). */
	@Override
	public void close() {
		// not stop(): a JVM stopped during start() must not wait for the start-up to end
		destroy();
		this.folder.delete();
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
