package fr.espacecommun.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's list of tenants and their provisioning state, in schema
 * {@code platform}; usable with or without a tenant set.
 */
public class TenantRegistry {

	private static final String COLUMNS = "id, name, hosts, keycloak_cluster, status, config_hash, last_error, "
			+ "provisioned_at, updated_at";

	private final JdbcClient jdbc;

	TenantRegistry(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Inserts or updates the tenant's row. A null {@code provisionedAt} keeps the stored
	 * one.
	 * @param registration the tenant's state
	 * @return the row as stored
	 */
	public TenantRegistration upsert(TenantRegistration registration) {
		return this.jdbc.sql("""
				INSERT INTO platform.tenant (%s)
				VALUES (:id, :name, :hosts, :cluster, :status, :hash, :error, :provisionedAt, now())
				ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, hosts = EXCLUDED.hosts,
					keycloak_cluster = EXCLUDED.keycloak_cluster, status = EXCLUDED.status,
					config_hash = EXCLUDED.config_hash, last_error = EXCLUDED.last_error,
					provisioned_at = COALESCE(EXCLUDED.provisioned_at, tenant.provisioned_at), updated_at = now()
				RETURNING %s""".formatted(COLUMNS, COLUMNS))
			.param("id", registration.id())
			.param("name", registration.name())
			.param("hosts", String.join(",", registration.hosts()))
			.param("cluster", registration.keycloakCluster())
			.param("status", registration.status().name())
			.param("hash", registration.configHash())
			.param("error", registration.lastError())
			.param("provisionedAt", timestamp(registration.provisionedAt()))
			.query(TenantRegistry::map)
			.single();
	}

	/** The tenant's row, if any. */
	public Optional<TenantRegistration> find(String tenantId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenant WHERE id = :id")
			.param("id", tenantId)
			.query(TenantRegistry::map)
			.optional();
	}

	/** Every row, by id. */
	public List<TenantRegistration> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenant ORDER BY id")
			.query(TenantRegistry::map)
			.list();
	}

	private static TenantRegistration map(ResultSet row, int rowNumber) throws SQLException {
		String hosts = row.getString("hosts");
		return new TenantRegistration(row.getString("id"), row.getString("name"),
				hosts.isEmpty() ? List.of() : Arrays.asList(hosts.split(",")), row.getString("keycloak_cluster"),
				TenantStatus.valueOf(row.getString("status")), row.getString("config_hash"),
				row.getString("last_error"), instant(row.getTimestamp("provisioned_at")),
				instant(row.getTimestamp("updated_at")));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
