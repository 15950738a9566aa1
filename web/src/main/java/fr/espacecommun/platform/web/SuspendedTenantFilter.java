package fr.espacecommun.platform.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.tenancy.TenantStatuses;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes a suspended commune: every page and API of its hosts answers 503, pages with a
 * French notice and the commune's contact. Runs after the tenant is resolved and before
 * Spring Security, so a suspended commune neither signs anyone in nor checks tokens. Its
 * branding, shared assets and health probes still answer. The status comes from the
 * registry through a short cache, so a suspension made on another instance applies here
 * too.
 */
class SuspendedTenantFilter extends OncePerRequestFilter {

	private static final String API_BODY = """
			{"status":503,"title":"Service fermé","detail":"Ce service de la commune est fermé pour le moment."}""";

	private final TenantStatuses statuses;

	private final TemplateEngine templates;

	private volatile JakartaServletWebApplication application;

	SuspendedTenantFilter(TenantStatuses statuses, TemplateEngine templates) {
		this.statuses = statuses;
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (tenant.isEmpty() || alwaysOpen(path) || !this.statuses.isSuspended(tenant.get().id())) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		if (path.startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(API_BODY);
			return;
		}
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		WebContext context = new WebContext(application(request).buildExchange(request, response), Locale.FRENCH,
				Map.of("tenant", tenant.get()));
		this.templates.process("error/suspended", context, response.getWriter());
	}

	/**
	 * Health probes, shared assets and the commune's own branding (used by the notice).
	 */
	private static boolean alwaysOpen(String path) {
		return path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/css/")
				|| path.startsWith("/img/") || path.startsWith("/js/") || path.startsWith("/branding/")
				|| path.equals("/favicon.ico");
	}

	private JakartaServletWebApplication application(HttpServletRequest request) {
		JakartaServletWebApplication current = this.application;
		if (current == null) {
			current = JakartaServletWebApplication.buildApplication(request.getServletContext());
			this.application = current;
		}
		return current;
	}

}
