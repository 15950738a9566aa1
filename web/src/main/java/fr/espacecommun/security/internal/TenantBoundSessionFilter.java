package fr.espacecommun.security.internal;

import java.io.IOException;
import java.util.Optional;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a signed-in session on any host but its own tenant's (or, for operators, but
 * the platform host). Session cookies are host-only already; this holds even if a cookie
 * were carried to another commune's host.
 */
class TenantBoundSessionFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof OAuth2AuthenticationToken token) {
			Optional<String> tenant = TenantContext.getTenantId();
			String expected = tenant
				.orElse(CurrentTenant.isPlatform(request) ? TenantClientRegistrations.PLATFORM : null);
			if (expected == null || !expected.equals(token.getAuthorizedClientRegistrationId())) {
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
