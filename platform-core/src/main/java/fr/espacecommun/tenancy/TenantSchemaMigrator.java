package fr.espacecommun.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import fr.espacecommun.tenant.TenantDefinition;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Creates a schema if absent and brings it to the latest Liquibase changelog: one
 * {@code t_<id>} schema per tenant, and the shared {@code platform} schema.
 */
public class TenantSchemaMigrator {

	static final String TENANT_CHANGELOG = "classpath:db/changelog/tenant/db.changelog-master.yaml";

	static final String PLATFORM_CHANGELOG = "classpath:db/changelog/platform/db.changelog-master.yaml";

	/** First key of the PostgreSQL advisory locks taken while a schema migrates. */
	private static final int ADVISORY_LOCK_NAMESPACE = 0x45_53_50_43;

	private static final Logger logger = LoggerFactory.getLogger(TenantSchemaMigrator.class);

	/**
	 * Liquibase keeps process-wide registries (lock services, change log history) that
	 * are not meant for concurrent runs; onboarding is rare, so runs in this JVM take
	 * turns.
	 */
	private final ReentrantLock jvmLock = new ReentrantLock();

	private final DataSource dataSource;

	private final ResourceLoader resourceLoader;

	TenantSchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader) {
		this.dataSource = dataSource;
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Migrates the tenant's schema; does nothing when it is up to date.
	 * @param tenant the tenant
	 */
	public void migrate(TenantDefinition tenant) {
		migrate(tenant.id());
	}

	/**
	 * Migrates the schema of the tenant with this id; does nothing when it is up to date.
	 * @param tenantId a valid tenant id
	 */
	public void migrate(String tenantId) {
		migrateSchema(TenantSchemas.of(tenantId), TENANT_CHANGELOG);
	}

	/**
	 * Migrates the shared {@code platform} schema; does nothing when it is up to date.
	 */
	public void migratePlatform() {
		migrateSchema(TenantSchemas.PLATFORM, PLATFORM_CHANGELOG);
	}

	void migrateSchema(String schema, String changeLog) {
		long started = System.nanoTime();
		this.jvmLock.lock();
		try (Connection connection = this.dataSource.getConnection()) {
			// other instances of the platform may migrate the same schema at the same
			// time
			lock(connection, schema, true);
			try {
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
				}
				runLiquibase(connection, schema, changeLog);
			}
			finally {
				release(connection, schema);
			}
		}
		catch (SQLException | LiquibaseException ex) {
			throw new SchemaMigrationException(schema, ex);
		}
		finally {
			this.jvmLock.unlock();
		}
		logger.info("Schema {} migrated in {} ms", schema, (System.nanoTime() - started) / 1_000_000);
	}

	private void runLiquibase(Connection connection, String schema, String changeLog) throws LiquibaseException {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(new SingleConnectionDataSource(connection, true));
		liquibase.setResourceLoader(this.resourceLoader);
		liquibase.setChangeLog(changeLog);
		liquibase.setDefaultSchema(schema);
		liquibase.setLiquibaseSchema(schema);
		liquibase.afterPropertiesSet();
	}

	/**
	 * Unlocks the schema and resets the connection; a connection that cannot be reset (a
	 * failed change set left it in a broken state) is evicted from the pool, which also
	 * makes PostgreSQL drop the lock.
	 */
	private void release(Connection connection, String schema) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			lock(connection, schema, false);
			// Liquibase sets search_path behind the pool's back
			connection.setSchema(TenantSchemas.PLATFORM);
		}
		catch (SQLException ex) {
			logger.warn("Could not release the connection that migrated schema {}; evicting it", schema, ex);
			SchemaPerTenantConnectionProvider.evict(this.dataSource, connection);
		}
	}

	private static void lock(Connection connection, String schema, boolean acquire) throws SQLException {
		String sql = acquire ? "SELECT pg_advisory_lock(?, hashtext(?))" : "SELECT pg_advisory_unlock(?, hashtext(?))";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, ADVISORY_LOCK_NAMESPACE);
			statement.setString(2, schema);
			statement.execute();
		}
	}

	/** A schema could not be brought up to date. */
	public static class SchemaMigrationException extends RuntimeException {

		SchemaMigrationException(String schema, Exception cause) {
			super("Could not migrate schema " + schema + ": " + cause.getMessage(), cause);
		}

	}

}
