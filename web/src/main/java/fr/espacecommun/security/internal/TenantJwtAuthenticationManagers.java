package fr.espacecommun.security.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Picks the bearer-token authentication of the request's host: the realm of the host's
 * commune, or the operators' realm on the platform host. Never a list of trusted issuers,
 * which would accept commune A's token on commune B's host.
 */
class TenantJwtAuthenticationManagers implements AuthenticationManagerResolver<HttpServletRequest> {

	// keyed by tenant id, dropped when the tenant's definition changes (its cluster may)
	private final Map<String, AuthenticationManager> byTenant = new ConcurrentHashMap<>();

	private final KeycloakProperties keycloak;

	private final AuthenticationManager platform;

	private final Duration clockSkew;

	/**
	 * @param clockSkew how long after its expiry a token is still accepted, for clocks
	 * that disagree a little
	 */
	TenantJwtAuthenticationManagers(TenantCatalog catalog, KeycloakProperties keycloak, Duration clockSkew) {
		this.keycloak = keycloak;
		this.clockSkew = clockSkew;
		KeycloakProperties.Platform platformRealm = keycloak.platform();
		this.platform = manager(keycloak.cluster(platformRealm.cluster()).url(), platformRealm.realm());
		catalog.addListener((previous, current) -> this.byTenant.remove(current.id()));
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		TenantDefinition tenant = CurrentTenant.of(request).orElse(null);
		if (tenant != null) {
			return this.byTenant.computeIfAbsent(tenant.id(),
					(id) -> manager(this.keycloak.cluster(tenant.keycloak().cluster()).url(), tenant.realm()));
		}
		if (CurrentTenant.isPlatform(request)) {
			return this.platform;
		}
		return (authentication) -> {
			throw new InvalidBearerTokenException("No realm serves this host");
		};
	}

	private AuthenticationManager manager(String clusterUrl, String realm) {
		String issuer = clusterUrl + "/realms/" + realm;
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
		// Keycloak marks its access tokens "Bearer": an ID token of the same realm is
		// no API credential
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
				new JwtTimestampValidator(this.clockSkew), new JwtIssuerValidator(issuer),
				new JwtClaimValidator<String>("typ", "Bearer"::equals));
		decoder.setJwtValidator(validator);
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(new KeycloakRealmRoles());
		return provider::authenticate;
	}

}
