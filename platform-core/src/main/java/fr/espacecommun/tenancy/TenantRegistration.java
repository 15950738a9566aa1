package fr.espacecommun.tenancy;

import java.time.Instant;
import java.util.List;

import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

/**
 * One row of the platform's tenant registry.
 *
 * @param id tenant id
 * @param name the commune's official name
 * @param hosts host names serving the tenant
 * @param keycloakCluster the Keycloak cluster holding the realm
 * @param status where provisioning stands
 * @param configHash hash of the tenant's YAML as last applied
 * @param lastError why the last provisioning failed, or why the tenant's only file was
 * refused
 * @param provisionedAt when the tenant was first provisioned
 * @param updatedAt when the row last changed (set by the registry)
 * @param pendingError first error of an edit refused while the last good definition keeps
 * serving ({@code file:line:column: [rule] message})
 * @param lastPlan what the last applied change created or changed, if recorded
 * @param lastPlanAt when that change was applied
 */
public record TenantRegistration(String id, String name, List<String> hosts, String keycloakCluster,
		TenantStatus status, String configHash, @Nullable String lastError, @Nullable Instant provisionedAt,
		@Nullable Instant updatedAt, @Nullable String pendingError, @Nullable String lastPlan,
		@Nullable Instant lastPlanAt) {

	public TenantRegistration {
		TenantContext.requireValidId(id);
		hosts = List.copyOf(hosts);
	}

	/**
	 * A registration without refused edit nor plan, as onboarding writes it (both are
	 * recorded by their own registry methods).
	 */
	public TenantRegistration(String id, String name, List<String> hosts, String keycloakCluster, TenantStatus status,
			String configHash, @Nullable String lastError, @Nullable Instant provisionedAt,
			@Nullable Instant updatedAt) {
		this(id, name, hosts, keycloakCluster, status, configHash, lastError, provisionedAt, updatedAt, null, null,
				null);
	}

	/** A registration for a declared tenant, not stored yet. */
	/**
	 * The registration of a tenant whose realm and schema were just provisioned: the
	 * registry keeps the first such time, from which on the commune is whole.
	 */
	public static TenantRegistration serving(TenantDefinition tenant, String configHash, Instant now) {
		return new TenantRegistration(tenant.id(), tenant.name(), tenant.hosts(), tenant.keycloak().cluster(),
				TenantStatus.SERVING, configHash, null, now, null);
	}

	/**
	 * Whether the commune was ever whole (realm and schema provisioned): a served or
	 * suspended one, or one provisioned before a later edit is applied.
	 */
	public boolean whole() {
		return this.status == TenantStatus.SERVING || this.status == TenantStatus.SUSPENDED
				|| this.provisionedAt != null;
	}

	public static TenantRegistration of(TenantDefinition tenant, TenantStatus status, String configHash) {
		return new TenantRegistration(tenant.id(), tenant.name(), tenant.hosts(), tenant.keycloak().cluster(), status,
				configHash, null, null, null);
	}

}
