package fr.espacecommun.tenant.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.TenantDefinition;

/**
 * An immutable view of the catalogue served to readers between two reloads.
 *
 * @param byId the tenants by id
 * @param byHost the tenants by lower-case host name
 * @param errors the errors of the files refused at the last reload
 */
public record CatalogSnapshot(Map<String, TenantDefinition> byId, Map<String, TenantDefinition> byHost,
		List<TenantConfigError> errors) {

	public static final CatalogSnapshot EMPTY = new CatalogSnapshot(Map.of(), List.of());

	public CatalogSnapshot(Map<String, TenantDefinition> byId, List<TenantConfigError> errors) {
		this(Collections.unmodifiableMap(new TreeMap<>(byId)), hosts(byId), List.copyOf(errors));
	}

	private static Map<String, TenantDefinition> hosts(Map<String, TenantDefinition> byId) {
		Map<String, TenantDefinition> hosts = new HashMap<>();
		byId.values()
			.forEach((tenant) -> tenant.hosts().forEach((host) -> hosts.put(host.toLowerCase(Locale.ROOT), tenant)));
		return Map.copyOf(hosts);
	}

}
