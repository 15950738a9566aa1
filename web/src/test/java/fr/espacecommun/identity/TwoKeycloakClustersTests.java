package fr.espacecommun.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.onboarding.internal.TenantOnboarding;
import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.DirectGrant;
import fr.espacecommun.testsupport.LivePort;
import fr.espacecommun.testsupport.TenantsFolder;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Communes spread over two real Keycloak servers: the test JVM's shared one (cluster
 * {@code default}, five communes) and a second one started here (cluster {@code b}, two
 * communes). Each commune's realm lives on its own cluster only, its citizens register,
 * sign in and are administered there, its tokens are checked against its own cluster, and
 * cluster {@code b} going down takes only its communes' identity away. Last, the commune
 * {@code sudb} moves from {@code b} to {@code default} as the operators' guide says:
 * {@code kc.sh export} of the stopped server, import on the target, the file switched;
 * its citizen keeps their password.
 * <p>
 * The methods run in order: they follow one commune's life.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoKeycloakClustersTests {

	private static final int PORT = freePort();

	private static final Path TENANTS = TenantsFolder.copy();

	/** Cluster {@code b}: its database on disk, so that its realms can be exported. */
	private static final EmbeddedKeycloak SECOND = EmbeddedKeycloak.persistent();

	private static final String PASSWORD = "Soleil-2026-Fort";

	private static final String STAFF_PASSWORD = "Agent-2026-Mairie!";

	/** The citizen who registers on {@code sudb} through the wizard, by e-mail. */
	private static final String CITIZEN = "dsi." + UUID.randomUUID().toString().substring(0, 8) + "@sudb.example.org";

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private KeycloakProperties keycloak;

	@Autowired
	private RealmProvisioner provisioner;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private TenantOnboarding onboarding;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		// two communes on cluster b, cloned from real ones: sudb signs citizens in by
		// e-mail and activates them at once (CCVE), villeb waits for staff (Villennes)
		writeCommune("ccve", "sudb", "b");
		writeCommune("villennes", "villeb", "b");
		SECOND.start();
		registry.add("espace.tenants.dir", TENANTS::toString);
		registry.add("server.port", () -> PORT);
		registry.add("espace.keycloak.clusters.b.url", SECOND::url);
		registry.add("espace.keycloak.clusters.b.admin-username", SECOND::adminUsername);
		registry.add("espace.keycloak.clusters.b.admin-password", SECOND::adminPassword);
		// the JVM's live server keeps its sign-in redirect in the realms of cluster
		// default
		registry.add("espace.keycloak.web-client.local-ports[0]", LivePort::get);
		registry.add("espace.keycloak.web-client.local-ports[1]", () -> PORT);
	}

	@AfterAll
	static void stopSecondCluster() {
		SECOND.close();
	}

	@Test
	@Order(1)
	void onboardingWhenCommuneOnClusterBThenItsRealmOnBOnlyAndTheFiveOthersOnDefault() {
		for (String id : List.of("sudb", "villeb")) {
			assertThat(this.clusters.forCluster("b").realm(id).toRepresentation().getRealm()).isEqualTo(id);
			assertThatThrownBy(() -> this.clusters.forCluster("default").realm(id).toRepresentation())
				.isInstanceOf(NotFoundException.class);
			assertThat(this.registry.find(id).orElseThrow().keycloakCluster()).isEqualTo("b");
		}
		for (String id : List.of("fresnes", "velizy", "villennes", "ccve", "ccplm")) {
			assertThat(this.clusters.forCluster("default").realm(id).toRepresentation().getRealm()).isEqualTo(id);
			assertThatThrownBy(() -> this.clusters.forCluster("b").realm(id).toRepresentation())
				.isInstanceOf(NotFoundException.class);
		}
	}

	@Test
	@Order(2)
	void wizardWhenCitizenRegistersOnClusterBCommuneThenAccountOnBAndSignsInToMonEspaceThroughB() throws Exception {
		HttpResponse<String> confirmation = register(new Browser(), CITIZEN);
		assertThat(text(confirmation)).as(() -> Browser.describe(confirmation))
			.contains("Votre espace a bien été activé pour le nom d'utilisateur : " + CITIZEN);

		List<UserRepresentation> onB = this.clusters.forCluster("b").realm("sudb").users().searchByEmail(CITIZEN, true);
		assertThat(onB).singleElement().satisfies((user) -> assertThat(user.isEnabled()).isTrue());

		Browser browser = new Browser();
		HttpResponse<String> login = browser.open(url("sudb", "/mon-espace"));
		assertThat(browser.current().toString()).startsWith(SECOND.url() + "/realms/sudb/");
		HttpResponse<String> page = browser.submit(Browser.formAction(login.body()),
				Map.of("username", CITIZEN, "password", PASSWORD));
		assertThat(browser.current().getHost()).as(() -> Browser.describe(page)).isEqualTo("sudb.localhost");
		assertThat(browser.current().getPath()).isEqualTo("/mon-espace");
		assertThat(text(page)).contains("Mon espace", CITIZEN);
	}

	@Test
	@Order(3)
	void adminWhenStaffOfClusterBCommuneSignsInThenStaffPagesThroughB() throws Exception {
		TenantDefinition villeb = tenant("villeb");
		String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		this.provisioner.ensureUser(villeb, agent, agent + "@villeb.example.org", "Camille", "Agent", STAFF_PASSWORD,
				"tenant-admin");
		Browser browser = new Browser();

		HttpResponse<String> login = browser.open(url("villeb", "/admin"));
		assertThat(browser.current().toString()).startsWith(SECOND.url() + "/realms/villeb/");
		HttpResponse<String> page = browser.submit(Browser.formAction(login.body()),
				Map.of("username", agent, "password", STAFF_PASSWORD));

		assertThat(browser.current().getHost()).as(() -> Browser.describe(page)).isEqualTo("villeb.localhost");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(text(page)).contains("Administration", "Bonjour " + agent);
	}

	@Test
	@Order(4)
	void apiWhenTokenOfSameRealmNameOnOtherClusterThenUnauthorizedAndOwnClusterTokenAccepted() throws Exception {
		TenantDefinition sudb = tenant("sudb");
		String admin = "api-admin@sudb.example.org";
		this.provisioner.ensureUser(sudb, admin, admin, "Admin", "Sudb", STAFF_PASSWORD, "tenant-admin");
		String tokenFromB = new DirectGrant(this.clusters, this.keycloak).accessToken(sudb, admin, STAFF_PASSWORD);
		// a realm of the same name on cluster default, with the same user and role: what
		// a copy left behind, or a mistake, would look like
		this.clusters.forCluster("default").realms().create(copyOf("sudb", admin));
		try {
			HttpResponse<String> grant = DirectGrant.tokenRequest(this.keycloak.cluster("default").url(), "sudb",
					"copy-client", "copy-client-secret", admin, STAFF_PASSWORD);
			assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
			String tokenFromDefault = JsonMapper.builder()
				.build()
				.readTree(grant.body())
				.get("access_token")
				.asString();

			assertThat(api("sudb", tokenFromDefault).statusCode()).isEqualTo(401);
			HttpResponse<String> own = api("sudb", tokenFromB);
			assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
			assertThat(own.body()).contains("\"id\":\"sudb\"");
		}
		finally {
			this.clusters.forCluster("default").realm("sudb").remove();
		}
	}

	@Test
	@Order(5)
	void healthWhenBothClustersUpThenEachUpWithItsUrl() throws Exception {
		JsonNode keycloak = health().get("components").get("keycloak");

		assertThat(keycloak.get("status").asString()).isEqualTo("UP");
		assertThat(keycloak.get("details").get("default").get("status").asString()).isEqualTo("UP");
		assertThat(keycloak.get("details").get("b").get("status").asString()).isEqualTo("UP");
		assertThat(keycloak.get("details").get("b").get("details").get("url").asString()).isEqualTo(SECOND.url());
	}

	@Test
	@Order(6)
	void clusterBWhenDownThenOnlyItsCommunesIdentityUnavailable() throws Exception {
		String citizenOfA = "usager-" + UUID.randomUUID().toString().substring(0, 8) + "@ccve.example.org";

		SECOND.stop();

		JsonNode keycloak = health().get("components").get("keycloak");
		assertThat(keycloak.get("details").get("b").get("status").asString()).isEqualTo("DOWN");
		assertThat(keycloak.get("details").get("default").get("status").asString()).isEqualTo("UP");

		HttpResponse<String> onB = register(new Browser(), "autre." + CITIZEN);
		assertThat(text(onB)).as(() -> Browser.describe(onB)).contains("Service momentanément indisponible");

		HttpResponse<String> onA = register(new Browser(), "ccve", citizenOfA);
		assertThat(text(onA)).as(() -> Browser.describe(onA))
			.contains("Votre espace a bien été activé pour le nom d'utilisateur : ");
		Browser browser = new Browser();
		HttpResponse<String> login = browser.open(url("ccve", "/mon-espace"));
		HttpResponse<String> page = browser.submit(Browser.formAction(login.body()),
				Map.of("username", citizenOfA, "password", PASSWORD));
		assertThat(browser.current().getPath()).as(() -> Browser.describe(page)).isEqualTo("/mon-espace");
	}

	@Test
	@Order(7)
	void moveWhenRealmExportedFromBImportedOnDefaultAndFileSwitchedThenCitizenKeepsPassword() throws Exception {
		// 1. kc.sh export of the stopped cluster b: realm, users, hashed passwords
		Path exported = SECOND.exportRealm("sudb", Files.createTempDirectory("realm-export-"));
		assertThat(Files.readString(exported)).contains(CITIZEN, "\"secretData\"");

		// 2. the file switched before the import: refused, no empty realm on default
		Files.writeString(TENANTS.resolve("sudb.yaml"),
				Files.readString(TENANTS.resolve("sudb.yaml")).replace("cluster: b", "cluster: default"));
		// a served commune's file is read once it has settled
		// (espace.tenants.settle-time)
		Files.setLastModifiedTime(TENANTS.resolve("sudb.yaml"), FileTime.from(Instant.now().minusSeconds(5)));
		((FileTenantCatalog) this.catalog).reload();
		TenantRegistration refused = this.registry.find("sudb").orElseThrow();
		assertThat(refused.status()).isEqualTo(TenantStatus.PENDING);
		assertThat(refused.keycloakCluster()).isEqualTo("b");
		assertThat(refused.lastError()).contains("n'est pas sur le cluster Keycloak 'default'", "importez-le d'abord");
		assertThatThrownBy(() -> this.clusters.forCluster("default").realm("sudb").toRepresentation())
			.isInstanceOf(NotFoundException.class);

		// 3. the import on the target (kcadm.sh create realms -f sudb-realm.json), then
		// the file applied again (a restart does the same)
		HttpResponse<String> imported = importRealm("default", exported);
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		this.onboarding.onboard(tenant("sudb"));

		TenantRegistration moved = this.registry.find("sudb").orElseThrow();
		assertThat(moved.status()).isEqualTo(TenantStatus.SERVING);
		assertThat(moved.keycloakCluster()).isEqualTo("default");
		Browser browser = new Browser();
		HttpResponse<String> login = browser.open(url("sudb", "/mon-espace"));
		assertThat(browser.current().toString()).startsWith(this.keycloak.cluster("default").url() + "/realms/sudb/");
		HttpResponse<String> page = browser.submit(Browser.formAction(login.body()),
				Map.of("username", CITIZEN, "password", PASSWORD));
		assertThat(browser.current().getPath()).as(() -> Browser.describe(page)).isEqualTo("/mon-espace");
		assertThat(text(page)).contains("Mon espace", CITIZEN);
	}

	private HttpResponse<String> register(Browser browser, String email) throws IOException, InterruptedException {
		return register(browser, "sudb", email);
	}

	/** Walks a CCVE-like wizard to its end, as in CCVE's guide. */
	private HttpResponse<String> register(Browser browser, String tenantId, String email)
			throws IOException, InterruptedException {
		HttpResponse<String> page = browser.open(url(tenantId, "/inscription"));
		page = step(browser, page, tenantId, "account-type", "accountType", "personal");
		page = step(browser, page, tenantId, "consent", "consent", "accept");
		page = step(browser, page, tenantId, "welcome");
		page = step(browser, page, tenantId, "cgu", "cguAccepted", "yes");
		page = step(browser, page, tenantId, "identity", "civility", "Monsieur", "lastName", "Groupe Fictif",
				"firstNames", "Test");
		page = step(browser, page, tenantId, "address");
		page = step(browser, page, tenantId, "contact", "phone", "01 64 93 21 20", "email", email);
		return step(browser, page, tenantId, "credentials", "password", PASSWORD, "passwordConfirmation", PASSWORD);
	}

	private HttpResponse<String> step(Browser browser, HttpResponse<String> page, String tenantId, String slug,
			String... pairs) throws IOException, InterruptedException {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf(page));
		form.put("action", "next");
		for (int i = 0; i < pairs.length; i += 2) {
			form.put(pairs[i], pairs[i + 1]);
		}
		return browser.submit(url(tenantId, "/inscription/" + slug), form);
	}

	private HttpResponse<String> api(String tenantId, String token) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/admin/tenant"))
			.header("Host", tenantId + ".localhost:" + PORT)
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode health() throws IOException, InterruptedException {
		HttpResponse<String> response = new Browser().get("http://platform.localhost:" + PORT + "/actuator/health");
		return JsonMapper.builder().build().readTree(response.body());
	}

	/** What {@code kcadm.sh create realms -f <file>} sends: the export, as it is. */
	private HttpResponse<String> importRealm(String cluster, Path exported) throws IOException, InterruptedException {
		String token = this.clusters.forCluster(cluster).tokenManager().getAccessTokenString();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.keycloak.cluster(cluster).url() + "/admin/realms"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofFile(exported))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A realm holding one tenant-admin and a client allowed to sign them in directly. */
	private static RealmRepresentation copyOf(String name, String admin) {
		RealmRepresentation realm = new RealmRepresentation();
		realm.setRealm(name);
		realm.setEnabled(true);
		RoleRepresentation role = new RoleRepresentation();
		role.setName("tenant-admin");
		RolesRepresentation roles = new RolesRepresentation();
		roles.setRealm(List.of(role));
		realm.setRoles(roles);
		ClientRepresentation client = new ClientRepresentation();
		client.setClientId("copy-client");
		client.setSecret("copy-client-secret");
		client.setPublicClient(false);
		client.setDirectAccessGrantsEnabled(true);
		realm.setClients(List.of(client));
		UserRepresentation user = new UserRepresentation();
		user.setUsername(admin);
		user.setEmail(admin);
		user.setEmailVerified(true);
		user.setFirstName("Admin");
		user.setLastName("Copie");
		user.setEnabled(true);
		CredentialRepresentation password = new CredentialRepresentation();
		password.setType(CredentialRepresentation.PASSWORD);
		password.setValue(STAFF_PASSWORD);
		password.setTemporary(false);
		user.setCredentials(List.of(password));
		user.setRealmRoles(List.of("tenant-admin"));
		realm.setUsers(List.of(user));
		return realm;
	}

	private TenantDefinition tenant(String id) {
		return this.catalog.byId(id).orElseThrow();
	}

	private static String url(String tenantId, String path) {
		return "http://" + tenantId + ".localhost:" + PORT + path;
	}

	private static String csrf(HttpResponse<String> page) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
			.matcher(page.body());
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token on the page: " + Browser.describe(page));
		}
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	private static String text(HttpResponse<String> page) {
		return HtmlUtils.htmlUnescape(page.body());
	}

	private static void writeCommune(String model, String id, String cluster) throws IOException {
		String yaml = Files.readString(TENANTS.resolve(model + ".yaml"))
			.replace("id: " + model, "id: " + id)
			.replace("- " + model + ".localhost", "- " + id + ".localhost")
			.replace("- " + model + ".espace-commun.fr", "- " + id + ".espace-commun.fr")
			.replace("cluster: default", "cluster: " + cluster);
		assertThat(yaml).contains("cluster: " + cluster);
		Files.writeString(TENANTS.resolve(id + ".yaml"), yaml);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
