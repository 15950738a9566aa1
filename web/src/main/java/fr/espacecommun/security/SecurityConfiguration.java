package fr.espacecommun.security;

import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenant.TenantCatalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Citizens sign in to Mon espace through their own commune's realm (authorisation code
 * with PKCE); every other page is public. CSRF protection stays on for every form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	TenantClientRegistrations tenantClientRegistrations(TenantCatalog catalog, KeycloakProperties keycloak,
			RealmProvisioner provisioner) {
		return new TenantClientRegistrations(catalog, keycloak, provisioner);
	}

	@Bean
	SecurityFilterChain citizenSecurity(HttpSecurity http, TenantClientRegistrations registrations) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		// PKCE for our confidential client too: a stolen code is useless without the
		// verifier
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		logout.setPostLogoutRedirectUri("{baseUrl}/");
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/mon-espace", "/mon-espace/**")
			.authenticated()
			.anyRequest()
			.permitAll())
			.oauth2Login((login) -> login.clientRegistrationRepository(registrations)
				.loginPage("/connexion")
				.authorizationEndpoint(
						(endpoint) -> endpoint.authorizationRequestResolver(new ReauthenticatingResolver(resolver)))
				.defaultSuccessUrl("/mon-espace", false))
			.logout((out) -> out.logoutUrl("/deconnexion").logoutSuccessHandler(logout))
			.addFilterBefore(new TenantBoundSessionFilter(), AnonymousAuthenticationFilter.class);
		return http.build();
	}

}
