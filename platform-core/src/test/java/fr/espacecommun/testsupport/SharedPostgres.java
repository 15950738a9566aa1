package fr.espacecommun.testsupport;

import fr.espacecommun.runtime.internal.EmbeddedPostgresServer;
import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL 17 server all tests of a JVM share: a Testcontainers container where a
 * Docker engine exists, the embedded server otherwise. Force one with
 * {@code -Despace.postgres=docker} or {@code -Despace.postgres=embedded}.
 */
public final class SharedPostgres {

	private static @Nullable ConnectionInfo info;

	private SharedPostgres() {
	}

	/** Connection details of the shared server, started on first call. */
	public static synchronized ConnectionInfo get() {
		if (info == null) {
			info = Docker.use("espace.postgres") ? startContainer() : startEmbedded();
		}
		return info;
	}

	/**
	 * Points Spring's DataSource at the shared server; call from a
	 * {@code @DynamicPropertySource} method.
	 */
	public static void registerDataSource(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> get().jdbcUrl());
		registry.add("spring.datasource.username", () -> get().username());
		registry.add("spring.datasource.password", () -> get().password());
	}

	private static ConnectionInfo startContainer() {
		// stopped by Testcontainers' reaper when the JVM exits
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17").withDatabaseName("espace");
		container.start();
		return new ConnectionInfo(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "docker");
	}

	private static ConnectionInfo startEmbedded() {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
		return new ConnectionInfo(server.jdbcUrl(), server.username(), server.password(), "embedded");
	}

	/**
	 * How to reach the shared server.
	 *
	 * @param jdbcUrl JDBC URL of the {@code espace} database
	 * @param username user name
	 * @param password password
	 * @param source {@code docker} or {@code embedded}
	 */
	public record ConnectionInfo(String jdbcUrl, String username, String password, String source) {
	}

}
