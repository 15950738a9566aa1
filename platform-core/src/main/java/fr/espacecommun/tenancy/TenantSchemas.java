package fr.espacecommun.tenancy;

/** Names of the PostgreSQL schemas: {@code platform}, and {@code t_<id>} per tenant. */
final class TenantSchemas {

	/** The shared schema: tenant registry and everything not owned by one commune. */
	static final String PLATFORM = PlatformSchema.NAME;

	private TenantSchemas() {
	}

	/** The schema of a tenant, whose id is checked first (the name ends up in SQL). */
	static String of(String tenantId) {
		return "t_" + TenantContext.requireValidId(tenantId);
	}

}
