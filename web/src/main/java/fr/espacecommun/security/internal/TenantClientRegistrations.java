package fr.espacecommun.security.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One OIDC client registration per commune, its registration id being the tenant id,
 * built from the tenant's realm on first use. A registration is found only on its own
 * tenant's host: a login started or completed on commune B's host can never use commune
 * A's realm.
 */
class TenantClientRegistrations implements ClientRegistrationRepository {

	/** The registration id of the operators' realm, on the platform host. */
	static final String PLATFORM = "platform";

	private final TenantCatalog catalog;

	private final KeycloakProperties keycloak;

	private final RealmProvisioner provisioner;

	/**
	 * Keyed by tenant id (STYLE rule 5); dropped when the tenant's definition changes.
	 */
	private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();

	TenantClientRegistrations(TenantCatalog catalog, KeycloakProperties keycloak, RealmProvisioner provisioner) {
		this.catalog = catalog;
		this.keycloak = keycloak;
		this.provisioner = provisioner;
		catalog.addListener((previous, current) -> this.registrations.remove(current.id()));
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		Optional<String> hostTenant = TenantContext.getTenantId();
		if (hostTenant.isEmpty()) {
			// the operators' realm, on the platform host only (the filter chain sees no
			// tenant there)
			return (PLATFORM.equals(registrationId) && onPlatformHost()) ? platform() : null;
		}
		if (!hostTenant.get().equals(registrationId)) {
			return null;
		}
		return this.catalog.byId(registrationId)
			.map((tenant) -> this.registrations.computeIfAbsent(tenant.id(), (id) -> build(tenant)))
			.orElse(null);
	}

	private static boolean onPlatformHost() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& CurrentTenant.isPlatform(attributes.getRequest());
	}

	private ClientRegistration platform() {
		return this.registrations.computeIfAbsent(" " + PLATFORM, (key) -> {
			KeycloakProperties.Platform platform = this.keycloak.platform();
			return build(PLATFORM, this.keycloak.cluster(platform.cluster()).url(), platform.realm(),
					this.provisioner.platformWebClientSecret(), platform.displayName());
		});
	}

	private ClientRegistration build(TenantDefinition tenant) {
		return build(tenant.id(), this.keycloak.cluster(tenant.keycloak().cluster()).url(), tenant.realm(),
				this.provisioner.webClientSecret(tenant), tenant.portalName());
	}

	private ClientRegistration build(String registrationId, String clusterUrl, String realm, String secret,
			String name) {
		String issuer = clusterUrl + "/realms/" + realm;
		String endpoints = issuer + "/protocol/openid-connect";
		return ClientRegistration.withRegistrationId(registrationId)
			.clientId(this.keycloak.webClient().clientId())
			.clientSecret(secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "profile", "email")
			.authorizationUri(endpoints + "/auth")
			.tokenUri(endpoints + "/token")
			.jwkSetUri(endpoints + "/certs")
			.userInfoUri(endpoints + "/userinfo")
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.issuerUri(issuer)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", endpoints + "/logout"))
			.clientName(name)
			.build();
	}

}
