package fr.espacecommun.platform.web;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.tenancy.TenantStatuses;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.web.UnavailableNotice;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.TemplateEngine;

import org.springframework.context.MessageSource;
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

	private final TenantStatuses statuses;

	private final UnavailableNotice notice;

	private final String apiBody;

	SuspendedTenantFilter(TenantStatuses statuses, TemplateEngine templates, MessageSource messages) {
		this.statuses = statuses;
		this.notice = new UnavailableNotice(templates, messages);
		this.apiBody = this.notice.problem("suspended.title", "suspended.api.detail");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (tenant.isEmpty() || UnavailableNotice.alwaysOpen(path) || !this.statuses.isSuspended(tenant.get().id())) {
			chain.doFilter(request, response);
			return;
		}
		this.notice.write(request, response, path, this.apiBody, "error/suspended", Map.of("tenant", tenant.get()),
				null);
	}

}
