package fr.espacecommun.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.DirectGrant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The REST API accepts only bearer tokens of the host's own realm, with real tokens from
 * the real Keycloak: commune A's admin token is refused with 401 on every other commune's
 * host (STYLE rule 4), a citizen's with 403, and the operators' API lives on the platform
 * host only.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityTests {

	private static final List<String> COMMUNES = List.of("fresnes", "velizy", "villennes", "ccve", "ccplm");

	private static final String PASSWORD = "Api-Test-2026-Fort";

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

	private final Map<String, String> adminTokens = new HashMap<>();

	private final Map<String, String> citizenTokens = new HashMap<>();

	private String operatorToken;

	@BeforeAll
	void tokens() throws Exception {
		DirectGrant grant = new DirectGrant(this.clusters, this.keycloak);
		for (String id : COMMUNES) {
			TenantDefinition tenant = this.catalog.byId(id).orElseThrow();
			// some communes' realms take the e-mail as username: use it as both
			String admin = "api-admin@" + id + ".example.org";
			String citizen = "api-citizen@" + id + ".example.org";
			this.provisioner.ensureUser(tenant, admin, admin, "Admin", id, PASSWORD, "tenant-admin");
			this.provisioner.ensureUser(tenant, citizen, citizen, "Citizen", id, PASSWORD, "citizen");
			this.adminTokens.put(id, grant.accessToken(tenant, admin, PASSWORD));
			this.citizenTokens.put(id, grant.accessToken(tenant, citizen, PASSWORD));
		}
		this.provisioner.ensurePlatformUser("api-operator", "api-operator@platform.example.org", "Operator", "Api",
				PASSWORD, "operator");
		this.operatorToken = grant.platformAccessToken("api-operator", PASSWORD);
	}

	static Stream<Arguments> otherCommunes() {
		return COMMUNES.stream()
			.flatMap((a) -> COMMUNES.stream().filter((b) -> !b.equals(a)).map((b) -> Arguments.of(a, b)));
	}

	@ParameterizedTest(name = "{1} when {0}''s admin token then 401")
	@MethodSource("otherCommunes")
	void tenantBWhenTenantATokenThenUnauthorized(String tenantA, String tenantB) throws Exception {
		call(tenantB + ".localhost", "/api/admin/tenant", this.adminTokens.get(tenantA))
			.andExpect(status().isUnauthorized());
	}

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "velizy", "villennes", "ccve", "ccplm" })
	void tenantWhenOwnAdminTokenThenItsOwnTenant(String id) throws Exception {
		TenantDefinition tenant = this.catalog.byId(id).orElseThrow();
		call(id + ".localhost", "/api/admin/tenant", this.adminTokens.get(id)).andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.name").value(tenant.name()))
			.andExpect(jsonPath("$.portalName").value(tenant.portalName()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "velizy", "villennes", "ccve", "ccplm" })
	void tenantWhenOwnCitizenTokenThenForbidden(String id) throws Exception {
		call(id + ".localhost", "/api/admin/tenant", this.citizenTokens.get(id)).andExpect(status().isForbidden());
	}

	@Test
	void tenantWhenNoTokenThenUnauthorized() throws Exception {
		call("fresnes.localhost", "/api/admin/tenant", null).andExpect(status().isUnauthorized());
	}

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "velizy", "villennes", "ccve", "ccplm" })
	void tenantWhenOperatorTokenThenUnauthorized(String id) throws Exception {
		call(id + ".localhost", "/api/admin/tenant", this.operatorToken).andExpect(status().isUnauthorized());
		call(id + ".localhost", "/api/platform/tenants", this.operatorToken).andExpect(status().isUnauthorized());
	}

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "velizy", "villennes", "ccve", "ccplm" })
	void platformWhenTenantAdminTokenThenUnauthorized(String id) throws Exception {
		call("localhost", "/api/platform/tenants", this.adminTokens.get(id)).andExpect(status().isUnauthorized());
	}

	@Test
	void tenantPlatformApiWhenOwnAdminTokenThenNotFound() throws Exception {
		call("fresnes.localhost", "/api/platform/tenants", this.adminTokens.get("fresnes"))
			.andExpect(status().isNotFound());
	}

	@Test
	void platformWhenOperatorTokenThenListsEveryCommuneWithoutPersonalData() throws Exception {
		call("localhost", "/api/platform/tenants", this.operatorToken).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id").value(hasItems(COMMUNES.toArray())))
			.andExpect(jsonPath("$[?(@.id == 'fresnes')].name")
				.value(hasItems(this.catalog.byId("fresnes").orElseThrow().name())))
			.andExpect(jsonPath("$[?(@.id == 'fresnes')].keycloakCluster").value(hasItems("default")))
			.andExpect(jsonPath("$[?(@.id == 'fresnes')].status").value(hasItems("SERVING")))
			.andExpect(jsonPath("$[0].hosts").doesNotExist())
			.andExpect(jsonPath("$[0].lastError").doesNotExist());
	}

	@Test
	void platformAdminApiWhenOperatorTokenThenNotFound() throws Exception {
		call("localhost", "/api/admin/tenant", this.operatorToken).andExpect(status().isNotFound());
	}

	@Test
	void tenantWhenSignatureTamperedThenUnauthorized() throws Exception {
		String token = this.adminTokens.get("fresnes");
		int middle = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
		char changed = (token.charAt(middle) == 'A') ? 'B' : 'A';
		String tampered = token.substring(0, middle) + changed + token.substring(middle + 1);
		call("fresnes.localhost", "/api/admin/tenant", tampered).andExpect(status().isUnauthorized());
	}

	@Test
	void tenantWhenCitizenClaimsRewrittenToAdminThenUnauthorized() throws Exception {
		String[] parts = this.citizenTokens.get("fresnes").split("\\.");
		String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
				java.nio.charset.StandardCharsets.UTF_8)
			.replace("\"citizen\"", "\"tenant-admin\"");
		String forged = parts[0] + "."
				+ java.util.Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8))
				+ "." + parts[2];
		call("fresnes.localhost", "/api/admin/tenant", forged).andExpect(status().isUnauthorized());
	}

	@Test
	void apiDocsWhenReadOnPlatformHostWithoutTokenThenDescribeBothApisWithTheBearerScheme() throws Exception {
		String spec = this.mvc.perform(get("/v3/api-docs").with(host("localhost")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/admin/tenant'].get").exists())
			.andExpect(jsonPath("$.paths['/api/platform/tenants'].get").exists())
			.andExpect(jsonPath("$.components.securitySchemes.bearer.type").value("http"))
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
			.andExpect(jsonPath("$.components.securitySchemes.bearer.bearerFormat").value("JWT"))
			.andExpect(jsonPath("$.security[0].bearer").exists())
			.andReturn()
			.getResponse()
			.getContentAsString();

		// the API only, and nothing of any commune
		assertThat(spec).doesNotContain("/inscription", "/mon-espace", "/platform\"", "/branding", ".localhost",
				"realms/");
		for (String id : COMMUNES) {
			assertThat(spec).doesNotContainIgnoringCase(id);
		}
		String onCommuneHost = this.mvc.perform(get("/v3/api-docs").with(host("fresnes.localhost")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(onCommuneHost).isEqualTo(spec);
	}

	private ResultActions call(String host, String path, String token) throws Exception {
		return this.mvc.perform(get(path).with(host(host)).with((request) -> {
			if (token != null) {
				request.addHeader("Authorization", "Bearer " + token);
			}
			return request;
		}));
	}

	private static RequestPostProcessor host(String host) {
		return (request) -> {
			request.setServerName(host);
			request.setServerPort(8080);
			return request;
		};
	}

}
