package fr.espacecommun.web.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the tenant from the Host header, once per request, before anything else
 * (Spring Security included) reads the request. The tenant never comes from a header or a
 * parameter the client chooses.
 */
public class TenantFilter extends OncePerRequestFilter {

	/** Request attribute holding the {@link TenantDefinition} of the request's host. */
	public static final String TENANT_ATTRIBUTE = TenantFilter.class.getName() + ".tenant";

	/** Request attribute set when the request is for the platform host itself. */
	public static final String PLATFORM_ATTRIBUTE = TenantFilter.class.getName() + ".platform";

	private final TenantCatalog catalog;

	private final PlatformHosts platformHosts;

	private final UnknownHostResponder unknownHost;

	TenantFilter(TenantCatalog catalog, PlatformHosts platformHosts, UnknownHostResponder unknownHost) {
		this.catalog = catalog;
		this.platformHosts = platformHosts;
		this.unknownHost = unknownHost;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = hostOf(request);
		Optional<TenantDefinition> tenant = this.catalog.byHost(host);
		if (tenant.isPresent()) {
			TenantContext.set(tenant.get().id());
			try {
				request.setAttribute(TENANT_ATTRIBUTE, tenant.get());
				proceed(request, response, chain);
			}
			finally {
				TenantContext.clear();
			}
			return;
		}
		if (this.platformHosts.contains(host) || isHostIndependent(request)) {
			request.setAttribute(PLATFORM_ATTRIBUTE, Boolean.TRUE);
			proceed(request, response, chain);
			return;
		}
		this.unknownHost.respond(request, response);
	}

	/**
	 * {@code /error} only renders the errors of other requests (an error dispatch): asked
	 * for itself, it is a page that does not exist, with the host's branding.
	 */
	private static void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/error") || path.startsWith("/error/") || path.startsWith("/error;")) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Health probes and shared static assets answer on any host, and reveal no tenant.
	 */
	private static boolean isHostIndependent(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/actuator/") || path.equals("/actuator") || path.startsWith("/css/")
				|| path.startsWith("/img/") || path.equals("/favicon.ico");
	}

	/** The request's host without port, lower case ({@code getServerName} reads Host). */
	static String hostOf(HttpServletRequest request) {
		String host = request.getServerName();
		return (host != null) ? host.toLowerCase(Locale.ROOT) : "";
	}

}
