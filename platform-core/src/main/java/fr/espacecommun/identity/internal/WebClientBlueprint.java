package fr.espacecommun.identity.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import fr.espacecommun.identity.KeycloakProperties;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * The realm's confidential web client the platform signs people in with (code flow with
 * PKCE, on the tenant's hosts), and the comparison with the one Keycloak holds.
 */
final class WebClientBlueprint {

	static final String PKCE_METHOD = "pkce.code.challenge.method";

	private WebClientBlueprint() {
	}

	/**
	 * The client for these hosts ({@code http} too on local hosts, on the local ports).
	 */
	static ClientRepresentation of(KeycloakProperties.WebClient properties, List<String> hosts, String name) {
		Set<String> redirectUris = new LinkedHashSet<>();
		Set<String> webOrigins = new LinkedHashSet<>();
		for (String host : hosts) {
			redirectUris.add("https://" + host + "/*");
			webOrigins.add("https://" + host);
			if (isLocal(host)) {
				for (int port : properties.localPorts()) {
					redirectUris.add("http://" + host + ":" + port + "/*");
					webOrigins.add("http://" + host + ":" + port);
				}
			}
		}
		ClientRepresentation client = new ClientRepresentation();
		client.setClientId(properties.clientId());
		client.setName(name);
		client.setEnabled(true);
		client.setProtocol("openid-connect");
		client.setPublicClient(false);
		client.setClientAuthenticatorType("client-secret");
		client.setStandardFlowEnabled(true);
		client.setImplicitFlowEnabled(false);
		client.setDirectAccessGrantsEnabled(false);
		client.setServiceAccountsEnabled(false);
		client.setRedirectUris(new ArrayList<>(redirectUris));
		client.setWebOrigins(new ArrayList<>(webOrigins));
		client.setAttributes(Map.of(PKCE_METHOD, "S256", "post.logout.redirect.uris", String.join("##", redirectUris)));
		return client;
	}

	// RFC 6761: *.localhost always resolves to the loopback address
	private static boolean isLocal(String host) {
		return host.equals("localhost") || host.endsWith(".localhost");
	}

	/**
	 * Whether the client's platform-owned settings differ; if so, copies them into it.
	 */
	static boolean update(ClientRepresentation wanted, ClientRepresentation current) {
		boolean same = Objects.equals(current.getName(), wanted.getName())
				&& Objects.equals(current.isEnabled(), wanted.isEnabled())
				&& Objects.equals(current.isPublicClient(), wanted.isPublicClient())
				&& Objects.equals(current.getClientAuthenticatorType(), wanted.getClientAuthenticatorType())
				&& Objects.equals(current.isStandardFlowEnabled(), wanted.isStandardFlowEnabled())
				&& Objects.equals(current.isImplicitFlowEnabled(), wanted.isImplicitFlowEnabled())
				&& Objects.equals(current.isDirectAccessGrantsEnabled(), wanted.isDirectAccessGrantsEnabled())
				&& Objects.equals(current.isServiceAccountsEnabled(), wanted.isServiceAccountsEnabled())
				&& asSet(current.getRedirectUris()).equals(asSet(wanted.getRedirectUris()))
				&& asSet(current.getWebOrigins()).equals(asSet(wanted.getWebOrigins()))
				&& wanted.getAttributes()
					.entrySet()
					.stream()
					.allMatch((entry) -> current.getAttributes() != null
							&& Objects.equals(current.getAttributes().get(entry.getKey()), entry.getValue()));
		if (same) {
			return false;
		}
		current.setName(wanted.getName());
		current.setEnabled(wanted.isEnabled());
		current.setPublicClient(wanted.isPublicClient());
		current.setClientAuthenticatorType(wanted.getClientAuthenticatorType());
		current.setStandardFlowEnabled(wanted.isStandardFlowEnabled());
		current.setImplicitFlowEnabled(wanted.isImplicitFlowEnabled());
		current.setDirectAccessGrantsEnabled(wanted.isDirectAccessGrantsEnabled());
		current.setServiceAccountsEnabled(wanted.isServiceAccountsEnabled());
		current.setRedirectUris(wanted.getRedirectUris());
		current.setWebOrigins(wanted.getWebOrigins());
		Map<String, String> attributes = new HashMap<>(
				(current.getAttributes() != null) ? current.getAttributes() : Map.of());
		attributes.putAll(wanted.getAttributes());
		current.setAttributes(attributes);
		return true;
	}

	private static Set<String> asSet(List<String> values) {
		return (values != null) ? Set.copyOf(values) : Set.of();
	}

}
