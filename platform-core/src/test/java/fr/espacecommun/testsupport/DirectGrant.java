package fr.espacecommun.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.tenant.TenantDefinition;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password-grant tokens for tests, through a test-only confidential client with direct
 * access grants, created on first use in the realm (the web application's own client
 * never allows direct grants).
 */
public final class DirectGrant {

	/** The test-only client, the same in every realm. */
	public static final String CLIENT_ID = "test-direct-grant";

	private static final String CLIENT_SECRET = "test-direct-grant-secret";

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private final KeycloakClusters clusters;

	private final KeycloakProperties properties;

	public DirectGrant(KeycloakClusters clusters, KeycloakProperties properties) {
		this.clusters = clusters;
		this.properties = properties;
	}

	/** The token endpoint's answer for these credentials in the commune's realm. */
	public HttpResponse<String> passwordGrant(TenantDefinition tenant, String username, String password)
			throws IOException, InterruptedException {
		return passwordGrant(this.clusters.forTenant(tenant).realm(tenant.realm()),
				this.properties.cluster(tenant.keycloak().cluster()).url(), tenant.realm(), username, password);
	}

	/** The token endpoint's answer for these credentials in the operators' realm. */
	public HttpResponse<String> platformPasswordGrant(String username, String password)
			throws IOException, InterruptedException {
		KeycloakProperties.Platform platform = this.properties.platform();
		return passwordGrant(this.clusters.forPlatform().realm(platform.realm()),
				this.properties.cluster(platform.cluster()).url(), platform.realm(), username, password);
	}

	/** An access token for these credentials in the commune's realm (fails otherwise). */
	public String accessToken(TenantDefinition tenant, String username, String password)
			throws IOException, InterruptedException {
		return accessToken(passwordGrant(tenant, username, password));
	}

	/**
	 * An access token for these credentials in the operators' realm (fails otherwise).
	 */
	public String platformAccessToken(String username, String password) throws IOException, InterruptedException {
		return accessToken(platformPasswordGrant(username, password));
	}

	private static String accessToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Matcher matcher = ACCESS_TOKEN.matcher(response.body());
		assertThat(matcher.find()).as(response.body()).isTrue();
		return matcher.group(1);
	}

	private static HttpResponse<String> passwordGrant(RealmResource realm, String clusterUrl, String realmName,
			String username, String password) throws IOException, InterruptedException {
		ensureClient(realm);
		return tokenRequest(clusterUrl, realmName, CLIENT_ID, CLIENT_SECRET, username, password);
	}

	/** Resource-owner password grant at a realm's token endpoint: its status and body. */
	public static HttpResponse<String> tokenRequest(String clusterUrl, String realmName, String clientId,
			String clientSecret, String username, String password) throws IOException, InterruptedException {
		String form = Map
			.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret, "username", username,
					"password", password, "scope", "openid")
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(clusterUrl + "/realms/" + realmName + "/protocol/openid-connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static synchronized void ensureClient(RealmResource realm) {
		List<ClientRepresentation> found = realm.clients().findByClientId(CLIENT_ID);
		if (found.isEmpty()) {
			realm.clients().create(client(new ClientRepresentation())).close();
			return;
		}
		ClientRepresentation existing = found.get(0);
		// an older run may have left a public client of this name
		if (Boolean.TRUE.equals(existing.isPublicClient())
				|| !Boolean.TRUE.equals(existing.isDirectAccessGrantsEnabled())) {
			ClientResource client = realm.clients().get(existing.getId());
			client.update(client(existing));
		}
	}

	private static ClientRepresentation client(ClientRepresentation client) {
		client.setClientId(CLIENT_ID);
		client.setPublicClient(false);
		client.setSecret(CLIENT_SECRET);
		client.setDirectAccessGrantsEnabled(true);
		client.setStandardFlowEnabled(false);
		client.setServiceAccountsEnabled(false);
		return client;
	}

}
