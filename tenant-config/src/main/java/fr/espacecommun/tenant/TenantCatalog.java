package fr.espacecommun.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import fr.espacecommun.tenant.internal.TenantCatalogListener;

/**
 * The tenants currently served. A file that fails validation never replaces the last good
 * definition of its tenant; the others keep serving.
 */
public interface TenantCatalog {

	/** Every tenant currently served, sorted by id. */
	Collection<TenantDefinition> all();

	/** The tenant with this id. */
	Optional<TenantDefinition> byId(String id);

	/**
	 * The tenant serving this host.
	 * @param host the request's host, without port, any case
	 */
	Optional<TenantDefinition> byHost(String host);

	/** The errors of every file currently refused (empty when all files are good). */
	List<TenantConfigError> errors();

	/**
	 * Registers a listener told of every tenant added, changed or removed by a reload.
	 */
	void addListener(TenantCatalogListener listener);

}
