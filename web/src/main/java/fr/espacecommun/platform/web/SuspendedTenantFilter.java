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
 * too. A commune declared but not whole yet (its realm and schema still being created, or
 * their creation failed and is retried) answers the same way with an "opening soon" page.
 */
class SuspendedTenantFilter extends OncePerRequestFilter {

	private final TenantStatuses statuses;

	private final UnavailableNotice notice;

	private final String apiBody;

	private final String openingApiBody;

	SuspendedTenantFilter(TenantStatuses statuses, TemplateEngine templates, MessageSource messages) {
		this.statuses = statuses;
		this.notice = new UnavailableNotice(templates, messages);
		this.apiBody = this.notice.problem("suspended.title", "suspended.api.detail");
		this.openingApiBody = this.notice.problem("opening.title", "opening.api.detail");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (tenant.isEmpty() || UnavailableNotice.alwaysOpen(path)) {
			chain.doFilter(request, response);
			return;
		}
		switch (this.statuses.availability(tenant.get().id())) {
			case OPEN -> chain.doFilter(request, response);
			case SUSPENDED -> this.notice.write(request, response, path, this.apiBody, "error/suspended",
					Map.of("tenant", tenant.get()), null);
			// declared, its realm and schema not created yet: a page that works, not a
			// 500
			case OPENING -> this.notice.write(request, response, path, this.openingApiBody, "error/opening",
					Map.of("tenant", tenant.get()), "30");
		}
	}

}
