package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from the binaries on the class path, for tests and
 * local runs; it can be stopped and started again on the same port with its data kept.
 */
public final class EmbeddedPostgresServer {

	/** The database the platform uses; created on first start. */
	public static final String DATABASE = "espace";

	private static final String SUPERUSER = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	/**
	 * Names of the JVM shutdown hooks of Spring Boot and of Spring Framework's contexts.
	 */
	private static final Set<String> SPRING_SHUTDOWN_HOOKS = Set.of("SpringApplicationShutdownHook",
			"SpringContextShutdownHook");

	private static @Nullable EmbeddedPostgresServer shared;

	private final Path dataDirectory;

	private final boolean temporary;

	private int port;

	private @Nullable EmbeddedPostgres postgres;

	private boolean shutdownHookRegistered;

	/** A server whose data lives in a new temporary directory, deleted at JVM exit. */
	public EmbeddedPostgresServer() {
		this(createTemporaryDirectory(), true);
	}

	/**
	 * A server whose data lives in the given directory, initialised when empty and kept
	 * afterwards.
	 * @param dataDirectory the PostgreSQL data directory
	 */
	public EmbeddedPostgresServer(Path dataDirectory) {
		this(dataDirectory, false);
	}

	private EmbeddedPostgresServer(Path dataDirectory, boolean temporary) {
		this.dataDirectory = dataDirectory.toAbsolutePath();
		this.temporary = temporary;
	}

	/**
	 * The server shared by everything in this JVM, started on first use and stopped when
	 * the JVM exits.
	 * @return the running shared server
	 */
	public static synchronized EmbeddedPostgresServer shared() {
		if (shared == null) {
			EmbeddedPostgresServer server = new EmbeddedPostgresServer();
			server.start();
			shared = server;
		}
		return shared;
	}

	/**
	 * Starts the server; after a {@link #stop()}, on the same port with the same data.
	 * Does nothing if it is running.
	 */
	public synchronized void start() {
		if (this.postgres != null) {
			return;
		}
		long started = System.nanoTime();
		try {
			if (!Files.exists(this.dataDirectory.resolve("PG_VERSION"))) {
				// initdb and CREATE DATABASE take about 1 s; copying a cluster made once
				// per machine takes less than 0.1 s
				copyTree(EmbeddedPostgresTemplate.get(), this.dataDirectory);
			}
			this.postgres = start(this.dataDirectory, this.port);
			this.port = this.postgres.getPort();
			createDatabaseIfAbsent(this.postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL in " + this.dataDirectory, ex);
		}
		if (!this.shutdownHookRegistered) {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				awaitSpringShutdownHooks(Duration.ofSeconds(30));
				close();
			}, "embedded-postgres-shutdown"));
			this.shutdownHookRegistered = true;
		}
		logger.info("Embedded PostgreSQL started on port {} in {} ms (data in {})", this.port,
				Duration.ofNanos(System.nanoTime() - started).toMillis(), this.dataDirectory);
	}

	/** Stops the server (a fast shutdown: clients are disconnected), keeping its data. */
	public synchronized void stop() {
		EmbeddedPostgres running = this.postgres;
		if (running == null) {
			return;
		}
		this.postgres = null;
		try {
			running.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop embedded PostgreSQL", ex);
		}
	}

	/** Whether the server is running and accepting connections. */
	public synchronized boolean isRunning() {
		return this.postgres != null && Files.exists(this.dataDirectory.resolve("postmaster.pid"));
	}

	/** JDBC URL of the {@value #DATABASE} database. */
	public synchronized String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/" + DATABASE;
	}

	/** The user to connect as. */
	public String username() {
		return SUPERUSER;
	}

	/** The password to connect with (the server trusts local connections). */
	public String password() {
		return SUPERUSER;
	}

	/** The TCP port, fixed once the server first started. */
	public synchronized int port() {
		return this.port;
	}

	/** The PostgreSQL data directory. */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	static EmbeddedPostgres start(Path dataDirectory, int port) throws IOException {
		// initdb runs only when the directory holds no cluster; -F (fsync off) and
		// synchronous_commit=off are zonky's defaults: test data needs to survive a clean
		// stop, not a power loss. Our own hook stops the server, after its data is used.
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPort(port)
			.setLocaleConfig("locale", "C")
			.setServerConfig("full_page_writes", "off")
			.setServerConfig("max_connections", "200")
			.setPGStartupWait(Duration.ofSeconds(30))
			.start();
	}

	static void createDatabaseIfAbsent(EmbeddedPostgres postgres) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not create database " + DATABASE, ex);
		}
	}

	/**
	 * Waits for the Spring contexts' own shutdown hooks to finish. The JVM runs all its
	 * shutdown hooks at once; a context still closing needs the database (Spring
	 * Modulith's event registry reads its incomplete publications in its destroy method),
	 * and with the server already stopped it waited for a connection until Surefire
	 * killed the test JVM. The JVM starts every hook in one loop, so a hook not seen
	 * within a moment is not there.
	 */
	private static void awaitSpringShutdownHooks(Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		long lookUntil = System.nanoTime() + Duration.ofMillis(200).toNanos();
		try {
			List<Thread> hooks = List.of();
			while (hooks.isEmpty() && System.nanoTime() < lookUntil) {
				hooks = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((thread) -> SPRING_SHUTDOWN_HOOKS.contains(thread.getName()))
					.toList();
				if (hooks.isEmpty()) {
					Thread.sleep(10);
				}
			}
			for (Thread hook : hooks) {
				long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
				if (left > 0) {
					hook.join(left);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized void close() {
		stop();
		if (this.temporary) {
			Folders.deleteRecursively(this.dataDirectory);
		}
	}

	private static Path createTemporaryDirectory() {
		try {
			return Files.createTempDirectory("espace-pg");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path copy = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					if (!Files.exists(copy)) {
						Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
					}
				}
				else if (!path.getFileName().toString().equals("postmaster.pid")) {
					Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

}
