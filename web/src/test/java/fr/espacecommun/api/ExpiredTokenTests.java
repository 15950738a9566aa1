package fr.espacecommun.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.DirectGrant;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A real Keycloak token of the right realm and role is refused once expired. Keycloak
 * issues it with a 2-second lifespan (a setting of a test-only client); the platform
 * accepts 1 second of clock skew here instead of the default 60, so the test need not
 * wait a minute.
 */
@SpringBootTest(properties = "espace.security.jwt-clock-skew=PT1S")
@AutoConfigureMockMvc
class ExpiredTokenTests {

	private static final String CLIENT_ID = "test-short-lived-tokens";

	private static final String CLIENT_SECRET = "test-short-lived-tokens-secret";

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private RealmProvisioner provisioner;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private KeycloakProperties keycloak;

	@Test
	void tenantWhenOwnAdminTokenExpiredThenUnauthorized() throws Exception {
		TenantDefinition ccve = this.catalog.byId("ccve").orElseThrow();
		String admin = "api-expiry@ccve.example.org";
		String password = "Api-Expiry-2026-Fort";
		this.provisioner.ensureUser(ccve, admin, admin, "Admin", "Expiry", password, "tenant-admin");
		ensureShortLivedClient(this.clusters.forTenant(ccve).realm("ccve"));
		HttpResponse<String> response = DirectGrant.tokenRequest(this.keycloak.cluster(ccve.keycloak().cluster()).url(),
				"ccve", CLIENT_ID, CLIENT_SECRET, admin, password);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Matcher matcher = ACCESS_TOKEN.matcher(response.body());
		assertThat(matcher.find()).isTrue();
		String token = matcher.group(1);
		Instant expiry = Instant.ofEpochSecond(expiry(token));

		call(token).andExpect(status().isOk());
		while (Instant.now().isBefore(expiry.plusSeconds(2))) {
			Thread.sleep(200);
		}

		call(token).andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("invalid_token")));
	}

	/**
	 * A test-only client of its own, whose tokens live 2 seconds, so the other tests'
	 * client keeps its lifespan.
	 */
	private static void ensureShortLivedClient(RealmResource realm) {
		if (!realm.clients().findByClientId(CLIENT_ID).isEmpty()) {
			return;
		}
		ClientRepresentation client = new ClientRepresentation();
		client.setClientId(CLIENT_ID);
		client.setPublicClient(false);
		client.setSecret(CLIENT_SECRET);
		client.setDirectAccessGrantsEnabled(true);
		client.setStandardFlowEnabled(false);
		client.setServiceAccountsEnabled(false);
		client.setAttributes(Map.of("access.token.lifespan", "2"));
		realm.clients().create(client).close();
	}

	private ResultActions call(String token) throws Exception {
		return this.mvc.perform(get("/api/admin/tenant").with((request) -> {
			request.setServerName("ccve.localhost");
			request.addHeader("Authorization", "Bearer " + token);
			return request;
		}));
	}

	private static long expiry(String token) {
		String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		Matcher matcher = EXP.matcher(claims);
		assertThat(matcher.find()).as(claims).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
