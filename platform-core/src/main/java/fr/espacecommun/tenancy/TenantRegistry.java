package fr.espacecommun.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's list of tenants and their provisioning state, in schema
 * {@code platform}; usable with or without a tenant set. A suspension is an operator's
 * act: nothing but {@link #resume} lifts it, neither a reload nor a restart.
 */
public class TenantRegistry {

	private static final String COLUMNS = "id, name, hosts, keycloak_cluster, status, config_hash, last_error, "
			+ "provisioned_at, updated_at, pending_error, last_plan, last_plan_at";

	private final JdbcClient jdbc;

	TenantRegistry(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Inserts or updates the tenant's row, as onboarding an accepted file does: a refused
	 * edit recorded before is cleared (the file is good now), a suspended tenant stays
	 * suspended, the last plan is kept. A null {@code provisionedAt} keeps the stored
	 * one.
	 * @param registration the tenant's state
	 * @return the row as stored
	 */
	public TenantRegistration upsert(TenantRegistration registration) {
		return this.jdbc.sql("""
				INSERT INTO platform.tenant (id, name, hosts, keycloak_cluster, status, config_hash, last_error,
					provisioned_at, updated_at)
				VALUES (:id, :name, :hosts, :cluster, :status, :hash, :error, :provisionedAt, now())
				ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, hosts = EXCLUDED.hosts,
					keycloak_cluster = EXCLUDED.keycloak_cluster,
					status = CASE WHEN tenant.status = 'SUSPENDED' THEN tenant.status ELSE EXCLUDED.status END,
					config_hash = EXCLUDED.config_hash, last_error = EXCLUDED.last_error, pending_error = NULL,
					provisioned_at = COALESCE(EXCLUDED.provisioned_at, tenant.provisioned_at), updated_at = now()
				RETURNING %s""".formatted(COLUMNS))
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

	/**
	 * Records that the tenant's file was refused while no good definition of it is served
	 * (a new commune's first file, or a file broken before a restart): the row says
	 * {@link TenantStatus#REFUSED} with the error, unless an operator suspended it. What
	 * an earlier onboarding stored (name, hosts, cluster) is kept.
	 * @param tenantId the tenant id the file's name declares
	 * @param error the file's first error ({@code file:line:column: [rule] message})
	 * @return whether the row changed
	 */
	public boolean refuse(String tenantId, String error) {
		return this.jdbc
			.sql("""
					INSERT INTO platform.tenant (id, name, hosts, keycloak_cluster, status, config_hash, last_error,
						updated_at)
					VALUES (:id, :id, '', '', 'REFUSED', '', :error, now())
					ON CONFLICT (id) DO UPDATE SET
						status = CASE WHEN tenant.status = 'SUSPENDED' THEN tenant.status ELSE 'REFUSED' END,
						last_error = EXCLUDED.last_error, updated_at = now()
					WHERE tenant.status NOT IN ('REFUSED', 'SUSPENDED') OR tenant.last_error IS DISTINCT FROM EXCLUDED.last_error""")
			.param("id", TenantContext.requireValidId(tenantId))
			.param("error", error)
			.update() > 0;
	}

	/**
	 * Records (or clears, with {@code null}) the first error of a refused edit of a
	 * tenant that keeps serving its last good definition.
	 * @return whether the row changed
	 */
	public boolean recordPendingError(String tenantId, @Nullable String error) {
		return this.jdbc.sql("""
				UPDATE platform.tenant SET pending_error = :error, updated_at = now()
				WHERE id = :id AND pending_error IS DISTINCT FROM :error""")
			.param("id", tenantId)
			.param("error", error)
			.update() > 0;
	}

	/**
	 * Records what the change just applied to the tenant created or changed, dated now.
	 * @param plan the plan's steps, one per line
	 */
	public void recordPlan(String tenantId, String plan) {
		this.jdbc.sql("UPDATE platform.tenant SET last_plan = :plan, last_plan_at = now() WHERE id = :id")
			.param("id", tenantId)
			.param("plan", plan)
			.update();
	}

	/**
	 * Clears the refused edit of every tenant but these, whose files are refused right
	 * now.
	 * @return how many rows changed
	 */
	public int clearPendingErrorsExcept(Collection<String> refusedTenantIds) {
		if (refusedTenantIds.isEmpty()) {
			return this.jdbc
				.sql("UPDATE platform.tenant SET pending_error = NULL, updated_at = now() "
						+ "WHERE pending_error IS NOT NULL")
				.update();
		}
		return this.jdbc
			.sql("UPDATE platform.tenant SET pending_error = NULL, updated_at = now() "
					+ "WHERE pending_error IS NOT NULL AND id NOT IN (:ids)")
			.param("ids", List.copyOf(refusedTenantIds))
			.update();
	}

	/**
	 * Locks the tenant's row until the caller's transaction ends and returns its status.
	 */
	public Optional<TenantStatus> lockStatus(String tenantId) {
		return this.jdbc.sql("SELECT status FROM platform.tenant WHERE id = :id FOR UPDATE")
			.param("id", tenantId)
			.query((row, number) -> TenantStatus.valueOf(row.getString("status")))
			.optional();
	}

	/**
	 * Sets the tenant's status, as an operator's suspension or resumption does.
	 * @return whether a row was changed
	 */
	public boolean changeStatus(String tenantId, TenantStatus status) {
		return this.jdbc.sql("UPDATE platform.tenant SET status = :status, updated_at = now() WHERE id = :id")
			.param("id", tenantId)
			.param("status", status.name())
			.update() > 0;
	}

	/** The tenant's row, if any. */
	public Optional<TenantRegistration> find(String tenantId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.tenant WHERE id = :id")
			.param("id", tenantId)
			.query(TenantRegistry::map)
			.optional();
	}

	/** The tenant's status, if it has a row: one indexed read for the request path. */
	public Optional<TenantStatus> status(String tenantId) {
		return this.jdbc.sql("SELECT status FROM platform.tenant WHERE id = :id")
			.param("id", tenantId)
			.query((row, number) -> TenantStatus.valueOf(row.getString("status")))
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
				instant(row.getTimestamp("updated_at")), row.getString("pending_error"), row.getString("last_plan"),
				instant(row.getTimestamp("last_plan_at")));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
