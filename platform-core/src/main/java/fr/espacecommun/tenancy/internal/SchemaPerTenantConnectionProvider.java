package fr.espacecommun.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Hibernate connections from the one shared pool, switched to the tenant's schema,
 * and switches them back to {@code platform} before they return to the pool.
 */
public class SchemaPerTenantConnectionProvider implements MultiTenantConnectionProvider<String> {

	private static final Logger logger = LoggerFactory.getLogger(SchemaPerTenantConnectionProvider.class);

	private final DataSource dataSource;

	SchemaPerTenantConnectionProvider(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public Connection getAnyConnection() throws SQLException {
		return this.dataSource.getConnection();
	}

	@Override
	public void releaseAnyConnection(Connection connection) throws SQLException {
		connection.close();
	}

	@Override
	public Connection getConnection(String tenantIdentifier) throws SQLException {
		String schema = schemaOf(tenantIdentifier);
		Connection connection = this.dataSource.getConnection();
		try {
			connection.setSchema(schema);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	@Override
	public void releaseConnection(String tenantIdentifier, Connection connection) throws SQLException {
		try {
			connection.setSchema(TenantSchemas.PLATFORM);
		}
		catch (SQLException ex) {
			// never let a connection still pointing at a tenant go back to the pool
			logger.warn("Could not reset the schema of a connection used for tenant {}; evicting it", tenantIdentifier,
					ex);
			evict(this.dataSource, connection);
		}
		finally {
			connection.close();
		}
	}

	/** Closes the physical connection instead of returning it to the pool. */
	public static void evict(DataSource dataSource, Connection connection) {
		try {
			if (dataSource.isWrapperFor(HikariDataSource.class)) {
				dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
			}
			else {
				connection.abort(Runnable::run);
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not evict connection", ex);
		}
	}

	static String schemaOf(String tenantIdentifier) {
		return TenantIdentifierResolver.NO_TENANT.equals(tenantIdentifier) ? TenantSchemas.PLATFORM
				: TenantSchemas.of(tenantIdentifier);
	}

	@Override
	public boolean supportsAggressiveRelease() {
		return false;
	}

	@Override
	public boolean handlesConnectionSchema() {
		// Hibernate 7 sets the schema itself only when given a TenantSchemaMapper; say
		// explicitly that this provider does it
		return true;
	}

	@Override
	public boolean isUnwrappableAs(Class<?> type) {
		return type.isInstance(this) || type.isInstance(this.dataSource);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T unwrap(Class<T> type) {
		if (type.isInstance(this)) {
			return (T) this;
		}
		if (type.isInstance(this.dataSource)) {
			return (T) this.dataSource;
		}
		throw new IllegalArgumentException("Cannot unwrap to " + type);
	}

}
