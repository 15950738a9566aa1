package fr.espacecommun.identity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.espacecommun.runtime.EmbeddedKeycloak;

/** Properties and HTTP calls for tests against the embedded Keycloak. */
final class KeycloakTestSupport {

	private KeycloakTestSupport() {
	}

	static KeycloakProperties properties(EmbeddedKeycloak... keycloaks) {
		Map<String, KeycloakProperties.Cluster> clusters = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keycloaks.length; i++) {
			clusters.put((i == 0) ? "default" : "cluster" + (i + 1),
					cluster(keycloaks[i].url(), keycloaks[i].adminUsername(), keycloaks[i].adminPassword()));
		}
		return new KeycloakProperties(clusters, new KeycloakProperties.Platform("default", "platform",
				"Espace Commun — exploitation", List.of("localhost")),
				new KeycloakProperties.WebClient("espace-commun-web", List.of(8080)));
	}

	static KeycloakProperties.Cluster cluster(String url, String username, String password) {
		return new KeycloakProperties.Cluster(url, "master", "admin-cli", username, password);
	}

	/** Resource-owner password grant: status and body of the token endpoint's answer. */
	static HttpResponse<String> passwordGrant(String url, String realm, String clientId, String clientSecret,
			String username, String password) throws IOException, InterruptedException {
		String form = Map
			.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret, "username", username,
					"password", password, "scope", "openid")
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(url + "/realms/" + realm + "/protocol/openid-connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
