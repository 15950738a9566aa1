package fr.espacecommun.identity;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import fr.espacecommun.testsupport.DirectGrant;

/** Properties and HTTP calls for tests against the embedded Keycloak. */
public final class KeycloakTestSupport {

	private KeycloakTestSupport() {
	}

	public static KeycloakProperties properties(EmbeddedKeycloak... keycloaks) {
		Map<String, KeycloakProperties.Cluster> clusters = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keycloaks.length; i++) {
			clusters.put((i == 0) ? "default" : "cluster" + (i + 1),
					cluster(keycloaks[i].url(), keycloaks[i].adminUsername(), keycloaks[i].adminPassword()));
		}
		return new KeycloakProperties(clusters, new KeycloakProperties.Platform("default", "platform",
				"Espace Commun — exploitation", List.of("localhost")),
				new KeycloakProperties.WebClient("espace-commun-web", List.of(8080)));
	}

	public static KeycloakProperties.Cluster cluster(String url, String username, String password) {
		return new KeycloakProperties.Cluster(url, "master", "admin-cli", username, password);
	}

	/** Resource-owner password grant: status and body of the token endpoint's answer. */
	static HttpResponse<String> passwordGrant(String url, String realm, String clientId, String clientSecret,
			String username, String password) throws IOException, InterruptedException {
		return DirectGrant.tokenRequest(url, realm, clientId, clientSecret, username, password);
	}

}
