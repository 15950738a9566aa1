package fr.espacecommun.security.internal;

import java.time.Duration;

import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.tenant.TenantCatalog;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The REST API ({@code /api/**}): an OAuth2 resource server whose bearer token must come
 * from the realm of the host's tenant ({@code /api/admin/**}, role {@code tenant-admin})
 * or, on the platform host, from the operators' realm ({@code /api/platform/**}, role
 * {@code operator}). Stateless; no CSRF since no cookie authenticates it.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	private static final RequestMatcher ADMIN_API = pathPattern("/api/admin/**");

	private static final RequestMatcher PLATFORM_API = pathPattern("/api/platform/**");

	@Bean
	TenantJwtAuthenticationManagers tenantJwtAuthenticationManagers(TenantCatalog catalog, KeycloakProperties keycloak,
			@Value("${espace.security.jwt-clock-skew:PT60S}") Duration clockSkew) {
		return new TenantJwtAuthenticationManagers(catalog, keycloak, clockSkew);
	}

	// before the citizen chain, which has no order and matches every request
	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, TenantJwtAuthenticationManagers managers) {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(ADMIN_API)
				.access(AuthorizationManagers.allOf(HostRules.on(HostRules.TENANT_HOST),
						AuthorityAuthorizationManager.hasRole("tenant-admin")))
				.requestMatchers(PLATFORM_API)
				.access(AuthorizationManagers.allOf(HostRules.on(HostRules.PLATFORM_HOST),
						AuthorityAuthorizationManager.hasRole("operator")))
				.anyRequest()
				.denyAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// bearer tokens only: no cookie a forged form could ride on
			.csrf((csrf) -> csrf.disable())
			.oauth2ResourceServer(
					(server) -> server.authenticationManagerResolver(managers).accessDeniedHandler(accessDenied()));
		return http.build();
	}

	/**
	 * A commune's API does not exist on the platform host, nor the platform's on a
	 * commune's host: 404 there, 403 for a missing role.
	 */
	private static AccessDeniedHandler accessDenied() {
		BearerTokenAccessDeniedHandler forbidden = new BearerTokenAccessDeniedHandler();
		return (request, response, exception) -> {
			if ((ADMIN_API.matches(request) && !HostRules.TENANT_HOST.matches(request))
					|| (PLATFORM_API.matches(request) && !HostRules.PLATFORM_HOST.matches(request))) {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
				return;
			}
			forbidden.handle(request, response, exception);
		};
	}

}
