package fr.espacecommun.security.internal;

import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.web.SecurityHeaders;
import fr.espacecommun.web.StatusPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.TemplateEngine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Citizens sign in to Mon espace through their own commune's realm (authorisation code
 * with PKCE); the commune's staff sign in the same way to {@code /admin} (role
 * {@code tenant-admin} of that realm), operators to {@code /platform} on the platform
 * host (role {@code operator} of the {@code platform} realm). Every other page is public.
 * CSRF protection stays on for every form. Who is signed in lives in the HTTP session,
 * which Spring Session JDBC keeps in PostgreSQL ({@code platform.spring_session}), so
 * every instance of the platform knows them.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	TenantClientRegistrations tenantClientRegistrations(TenantCatalog catalog, KeycloakProperties keycloak,
			RealmProvisioner provisioner) {
		return new TenantClientRegistrations(catalog, keycloak, provisioner);
	}

	/**
	 * Back to the page that asked for the sign-in; otherwise Mon espace on a commune's
	 * host and the operators' page on the platform host.
	 */
	private static final class HomeAfterSignIn extends SavedRequestAwareAuthenticationSuccessHandler {

		@Override
		protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response) {
			return CurrentTenant.isPlatform(request) ? "/platform" : "/mon-espace";
		}

	}

	private static CsrfTokenRepository csrfTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName("XSRF-TOKEN");
		tokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		return tokens;
	}

	@Bean
	SecurityFilterChain citizenSecurity(HttpSecurity http, TenantClientRegistrations registrations,
			@Value("${espace.security.hsts:false}") boolean hstsAlways, TemplateEngine templates) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		// PKCE for our confidential client too: a stolen code is useless without the
		// verifier
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		logout.setPostLogoutRedirectUri("{baseUrl}/");
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/mon-espace", "/mon-espace/**")
			.access(AuthorizationManagers.allOf(HostRules.on(HostRules.TENANT_HOST),
					AuthenticatedAuthorizationManager.authenticated()))
			.requestMatchers("/admin", "/admin/**")
			.access(AuthorizationManagers.allOf(HostRules.on(HostRules.TENANT_HOST),
					AuthorityAuthorizationManager.hasRole("tenant-admin")))
			.requestMatchers("/platform", "/platform/**")
			.access(AuthorizationManagers.allOf(HostRules.on(HostRules.PLATFORM_HOST),
					AuthorityAuthorizationManager.hasRole("operator")))
			.anyRequest()
			.permitAll())
			.oauth2Login((login) -> login.clientRegistrationRepository(registrations)
				.authorizedClientRepository(new UnkeptAuthorizedClients())
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(new KeycloakOidcUsers()))
				.loginPage("/connexion")
				.authorizationEndpoint((endpoint) -> endpoint
					.authorizationRequestResolver(new ReauthenticatingResolver(resolver, registrations)))
				.successHandler(new HomeAfterSignIn()))
			.logout((out) -> out.logoutUrl("/deconnexion").logoutSuccessHandler(logout))
			// the token in a cookie of the commune's own host, not in the session: a
			// citizen filling in the wizard gets no session row, read and written back
			// in PostgreSQL on every page (sessions are for those who sign in)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens())
				.csrfTokenRequestHandler(new TolerantCsrfTokenHandler()))
			.exceptionHandling((denied) -> denied.accessDeniedHandler(new CsrfFailurePage(new StatusPage(templates))))
			.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
				.frameOptions((frames) -> frames.deny())
				// over HTTPS (also behind a proxy saying X-Forwarded-Proto: https), or
				// always
				// when espace.security.hsts is set; never on a local http run
				.httpStrictTransportSecurity((hsts) -> hsts
					.requestMatcher(hstsAlways ? AnyRequestMatcher.INSTANCE : HttpServletRequest::isSecure)
					.maxAgeInSeconds(31_536_000)
					.includeSubDomains(true))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.addFilterBefore(new TenantBoundSessionFilter(), AnonymousAuthenticationFilter.class);
		return http.build();
	}

}
