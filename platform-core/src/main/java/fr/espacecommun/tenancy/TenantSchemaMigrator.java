package fr.espacecommun.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import fr.espacecommun.tenancy.internal.SchemaPerTenantConnectionProvider;
import fr.espacecommun.tenancy.internal.TenantSchemas;
import fr.espacecommun.tenant.TenantDefinition;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.jspecify.annotations.Nullable;
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

	public static final String PLATFORM_CHANGELOG = "classpath:db/changelog/platform/db.changelog-master.yaml";

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

	/**
	 * The tenant changelog's change sets ({@code id::author}), read once: a schema that
	 * ran them all needs no Liquibase run, which costs far more than the query that tells
	 * (hundreds of milliseconds per schema, at every start of a platform serving hundreds
	 * of communes).
	 */
	private volatile @Nullable Set<String> tenantChangeSets;

	private final ResourceLoader resourceLoader;

	public TenantSchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader) {
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
		String schema = TenantSchemas.of(tenantId);
		if (isUpToDate(schema)) {
			logger.debug("Schema {} up to date", schema);
			return;
		}
		migrateSchema(schema, TENANT_CHANGELOG);
	}

	/**
	 * Whether the schema ran every change set of the tenant changelog (none of them runs
	 * always or on change); {@code false} when unsure, and Liquibase then decides.
	 */
	boolean isUpToDate(String schema) {
		Set<String> expected = tenantChangeSets();
		if (expected == null) {
			return false;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			if (!schemaExists(connection, schema)) {
				return false;
			}
			Set<String> ran = new HashSet<>();
			String previous = connection.getSchema();
			connection.setSchema(schema);
			try (Statement statement = connection.createStatement()) {
				try (ResultSet exists = statement.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
					if (!exists.next() || !exists.getBoolean(1)) {
						return false;
					}
				}
				try (ResultSet result = statement.executeQuery("SELECT id, author FROM databasechangelog")) {
					while (result.next()) {
						ran.add(result.getString(1) + "::" + result.getString(2));
					}
				}
			}
			finally {
				connection.setSchema(previous);
			}
			return ran.containsAll(expected);
		}
		catch (SQLException ex) {
			logger.debug("Cannot tell whether schema {} is up to date", schema, ex);
			return false;
		}
	}

	/** Whether the tenant's schema exists (it is created by its first migration). */
	public boolean schemaExists(String tenantId) {
		try (Connection connection = this.dataSource.getConnection()) {
			return schemaExists(connection, TenantSchemas.of(tenantId));
		}
		catch (SQLException ex) {
			throw new SchemaMigrationException(TenantSchemas.of(tenantId), ex);
		}
	}

	/**
	 * The name of the tenant's schema, for what operators read (onboarding plans); SQL
	 * never needs it: Hibernate sets the schema from the tenant identifier.
	 */
	public static String schemaName(String tenantId) {
		return TenantSchemas.of(tenantId);
	}

	private static boolean schemaExists(Connection connection, String schema) throws SQLException {
		try (PreparedStatement exists = connection
			.prepareStatement("SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = ?)")) {
			exists.setString(1, schema);
			try (ResultSet result = exists.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private @Nullable Set<String> tenantChangeSets() {
		Set<String> changeSets = this.tenantChangeSets;
		if (changeSets != null) {
			return changeSets;
		}
		String path = TENANT_CHANGELOG.substring("classpath:".length());
		this.jvmLock.lock();
		try {
			ResourceAccessor accessor = new ClassLoaderResourceAccessor(TenantSchemaMigrator.class.getClassLoader());
			DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance()
				.getParser(path, accessor)
				.parse(path, new ChangeLogParameters(), accessor);
			changeSets = changeLog.getChangeSets()
				.stream()
				.map((changeSet) -> changeSet.getId() + "::" + changeSet.getAuthor())
				.collect(Collectors.toUnmodifiableSet());
			if (changeSets.isEmpty()) {
				return null;
			}
			this.tenantChangeSets = changeSets;
			return changeSets;
		}
		catch (LiquibaseException | RuntimeException ex) {
			logger.warn("Cannot read {}; every schema goes through Liquibase", TENANT_CHANGELOG, ex);
			return null;
		}
		finally {
			this.jvmLock.unlock();
		}
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
