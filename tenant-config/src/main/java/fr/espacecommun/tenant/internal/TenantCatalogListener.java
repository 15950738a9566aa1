package fr.espacecommun.tenant.internal;

import fr.espacecommun.tenant.TenantDefinition;

/** Told when a reload of the tenant files adds or changes a tenant. */
@FunctionalInterface
public interface TenantCatalogListener {

	/**
	 * Called after a tenant was added or its definition changed.
	 * @param previous the definition served before, or {@code null} for a new tenant
	 * @param current the definition served from now on
	 */
	void tenantChanged(TenantDefinition previous, TenantDefinition current);

}
