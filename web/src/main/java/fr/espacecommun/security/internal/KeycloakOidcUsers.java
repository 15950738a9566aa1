package fr.espacecommun.security.internal;

import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTParser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Signs a person in with the realm roles Keycloak put in their access token
 * ({@code realm_access.roles} → {@code ROLE_<role>}): {@code tenant-admin} opens a
 * commune's staff pages, {@code operator} the platform's.
 */
class KeycloakOidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.delegate.loadUser(request);
		Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
		authorities.addAll(realmRoles(request.getAccessToken().getTokenValue()));
		return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), IdTokenClaimNames.SUB);
	}

	/**
	 * The access token came straight from the realm's token endpoint over the back
	 * channel, authenticated with the client secret; its claims are read, not checked
	 * again.
	 */
	private static Collection<GrantedAuthority> realmRoles(String accessToken) {
		try {
			Map<String, Object> realmAccess = JWTParser.parse(accessToken)
				.getJWTClaimsSet()
				.getJSONObjectClaim("realm_access");
			if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
				return Set.of();
			}
			return roles.stream()
				.filter(String.class::isInstance)
				.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
				.toList();
		}
		catch (ParseException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token"), "Unreadable access token", ex);
		}
	}

}
