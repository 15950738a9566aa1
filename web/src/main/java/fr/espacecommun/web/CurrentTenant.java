package fr.espacecommun.web;

import java.util.Optional;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.internal.TenantFilter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The tenant of the current request, as resolved from its host by {@link TenantFilter}.
 */
public final class CurrentTenant {

	private CurrentTenant() {
	}

	/** The request's tenant, empty on the platform host. */
	public static Optional<TenantDefinition> of(HttpServletRequest request) {
		return Optional.ofNullable((TenantDefinition) request.getAttribute(TenantFilter.TENANT_ATTRIBUTE));
	}

	/** Whether the request is for the platform host rather than a commune's. */
	public static boolean isPlatform(HttpServletRequest request) {
		return request.getAttribute(TenantFilter.PLATFORM_ATTRIBUTE) != null;
	}

}
