package fr.espacecommun.runtime.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmbeddedPostgresServerTests {

	@Test
	void sharedWhenCalledTwiceThenSameRunningServer() throws SQLException {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();

		assertThat(EmbeddedPostgresServer.shared()).isSameAs(server);
		assertThat(server.isRunning()).isTrue();
		assertThat(server.jdbcUrl()).endsWith("/espace");
		assertThat(query(server, "SELECT version()")).startsWith("PostgreSQL 17.");
	}

	@Test
	void dataWhenServerStoppedAndStartedThenKeptOnSamePort() throws SQLException {
		long started = System.nanoTime();
		EmbeddedPostgresServer server = new EmbeddedPostgresServer();
		server.start();
		long coldMillis = (System.nanoTime() - started) / 1_000_000;
		try {
			execute(server, "CREATE TABLE kept (value text)", "INSERT INTO kept VALUES ('before restart')");
			String url = server.jdbcUrl();

			server.stop();
			assertThat(server.isRunning()).isFalse();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(server, "SELECT 1"));

			started = System.nanoTime();
			server.start();
			long warmMillis = (System.nanoTime() - started) / 1_000_000;
			System.out.printf("Embedded PostgreSQL: cold start %d ms, restart %d ms%n", coldMillis, warmMillis);

			assertThat(server.isRunning()).isTrue();
			assertThat(server.jdbcUrl()).isEqualTo(url);
			assertThat(query(server, "SELECT value FROM kept")).isEqualTo("before restart");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void fixedDataDirectoryWhenOpenedByAnotherServerThenDataKept(@TempDir Path directory) throws SQLException {
		EmbeddedPostgresServer first = new EmbeddedPostgresServer(directory.resolve("data"));
		first.start();
		try {
			execute(first, "CREATE TABLE kept (value text)", "INSERT INTO kept VALUES ('first server')");
		}
		finally {
			first.stop();
		}

		EmbeddedPostgresServer second = new EmbeddedPostgresServer(directory.resolve("data"));
		second.start();
		try {
			assertThat(query(second, "SELECT value FROM kept")).isEqualTo("first server");
		}
		finally {
			second.stop();
		}
	}

	private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
				server.password()); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
				server.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
