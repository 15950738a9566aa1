package fr.espacecommun.tenancy.internal;

import fr.espacecommun.tenancy.TenantContext;

/** Names of the PostgreSQL schemas: {@code platform}, and {@code t_<id>} per tenant. */
public final class TenantSchemas {

	/** The shared schema: tenant registry and everything not owned by one commune. */
	public static final String PLATFORM = PlatformSchema.NAME;

	private TenantSchemas() {
	}

	/** The schema of a tenant, whose id is checked first (the name ends up in SQL). */
	public static String of(String tenantId) {
		return "t_" + TenantContext.requireValidId(tenantId);
	}

}
