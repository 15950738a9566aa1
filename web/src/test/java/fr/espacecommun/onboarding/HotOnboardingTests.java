package fr.espacecommun.onboarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.testsupport.TenantsFolder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A running platform picks up a new commune's file, and refuses a broken edit of an
 * existing one while that commune keeps serving, without a restart; operators see each
 * outcome on {@code /platform} (plan applied, refused file with line:column).
 */
@SpringBootTest
@AutoConfigureMockMvc
class HotOnboardingTests {

	private static final Path TENANTS = TenantsFolder.copy();

	/**
	 * The registration of an operator's session, as signing in through the operators'
	 * realm leaves it (the sign-in itself is tested over HTTP in
	 * StaffPagesSecurityTests).
	 */
	private static final ClientRegistration OPERATORS_REALM = ClientRegistration.withRegistrationId("platform")
		.clientId("espace-commun-web")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("http://localhost/realms/platform/protocol/openid-connect/auth")
		.tokenUri("http://localhost/realms/platform/protocol/openid-connect/token")
		.build();

	@DynamicPropertySource
	static void tenants(DynamicPropertyRegistry registry) {
		registry.add("espace.tenants.dir", TENANTS::toString);
		registry.add("espace.tenants.reload-interval", () -> "PT0.5S");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void newTenantFileWhenDroppedInThenSixthCommuneServedWithItsRealmAndSchemaWithin30Seconds() throws Exception {
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		String sixth = fresnes.replace("id: fresnes", "id: sixieme")
			.replace("name: Ville de Fresnes", "name: Ville de Sixième-sur-Test")
			.replace("- fresnes.localhost", "- sixieme.localhost")
			.replace("- fresnes.espace-commun.fr", "- sixieme.espace-commun.fr");
		long start = System.nanoTime();
		writeAtomically(TENANTS.resolve("sixieme.yaml"), sixth);

		String page = waitFor(Duration.ofSeconds(30), () -> {
			MvcResult result = this.mvc.perform(get("/").with((request) -> {
				request.setServerName("sixieme.localhost");
				return request;
			})).andReturn();
			return (result.getResponse().getStatus() == 200
					&& this.registry.find("sixieme").map((row) -> row.status() == TenantStatus.SERVING).orElse(false))
							? HtmlUtils.htmlUnescape(result.getResponse().getContentAsString()) : null;
		});
		System.out.printf("Sixth commune serving %d ms after its file appeared%n",
				(System.nanoTime() - start) / 1_000_000);

		assertThat(page).contains("Ville de Sixième-sur-Test", "Créer mon espace");
		assertThat(this.clusters.forCluster("default").realm("sixieme").toRepresentation().getDisplayName())
			.isEqualTo("Espace Famille");
		assertThat(this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = 't_sixieme'", String.class))
			.contains("citizen_profile", "registration", "wizard_draft");

		String platform = platformPage();
		assertThat(row(platform, "sixieme")).contains("Ville de Sixième-sur-Test (sixieme)", "En service", "default",
				"sixieme.localhost, sixieme.espace-commun.fr", "Plan appliqué le",
				"création du royaume Keycloak sixieme", "création du schéma t_sixieme",
				"adresse ajoutée : sixieme.localhost", "adresse ajoutée : sixieme.espace-commun.fr",
				"Suspendre Ville de Sixième-sur-Test");
		assertThat(this.registry.find("sixieme").orElseThrow().lastPlanAt()).isAfter(Instant.now().minusSeconds(60));
	}

	@Test
	void changedTenantFileWhenAppliedThenPlatformShowsThePlanOfTheChange() throws Exception {
		Path file = TENANTS.resolve("ccplm.yaml");
		String good = Files.readString(file);
		try {
			writeAtomically(file,
					good.replace("- ccplm.espace-commun.fr", "- ccplm.espace-commun.fr\n  - portail.ccplm.localhost"));

			waitFor(Duration.ofSeconds(30),
					() -> this.catalog.byId("ccplm")
						.filter((tenant) -> tenant.hosts().contains("portail.ccplm.localhost"))
						.flatMap((tenant) -> this.registry.find("ccplm"))
						.filter((row) -> row.status() == TenantStatus.SERVING && row.lastPlan() != null
								&& row.lastPlan().contains("portail.ccplm.localhost"))
						.orElse(null));

			assertThat(row(platformPage(), "ccplm"))
				.contains("En service", "Plan appliqué le", "adresse ajoutée : portail.ccplm.localhost",
						"schéma t_ccplm existant")
				.doesNotContain("création du royaume");
		}
		finally {
			writeAtomically(file, good);
		}
	}

	@Test
	void newTenantFileWhenBrokenThenRefusedInTheRegistryWithLineAndColumnAndNotServed() throws Exception {
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		String bad = fresnes.replace("id: fresnes", "id: septieme")
			.replace("name: Ville de Fresnes", "name: Ville de Septième-sur-Test")
			.replace("- fresnes.localhost", "- septieme.localhost")
			.replace("- fresnes.espace-commun.fr", "- septieme.espace-commun.fr")
			.replace("minLength: 8", "minLength: 4");
		int line = lineOf(bad, "minLength: 4");
		String at = "septieme.yaml:" + line + ":" + (columnOf(bad, "minLength: 4") + "minLength: ".length()) + ": [";
		writeAtomically(TENANTS.resolve("septieme.yaml"), bad);
		try {
			TenantRegistration refused = waitFor(Duration.ofSeconds(30),
					() -> this.registry.find("septieme")
						.filter((row) -> row.status() == TenantStatus.REFUSED)
						.orElse(null));

			assertThat(refused.lastError()).startsWith(at);
			String page = platformPage();
			assertThat(row(page, "septieme")).contains("Configuration refusée", "Erreur", at)
				.doesNotContain("Suspendre");
			assertThat(
					this.mvc.perform(get("/").with(host("septieme.localhost"))).andReturn().getResponse().getStatus())
				.isEqualTo(404);
		}
		finally {
			Files.delete(TENANTS.resolve("septieme.yaml"));
		}
	}

	@Test
	void brokenEditWhenSavedThenRefusedWithLineAndColumnAndTheCommuneKeepsServing() throws Exception {
		Path file = TENANTS.resolve("villennes.yaml");
		String good = Files.readString(file);
		try {
			writeAtomically(file, good.replace("minLength: 12", "minLength: 4"));

			TenantConfigError error = waitFor(Duration.ofSeconds(30),
					() -> this.catalog.errors()
						.stream()
						.filter((candidate) -> candidate.file().getFileName().toString().equals("villennes.yaml"))
						.findFirst()
						.orElse(null));

			assertThat(error.rule()).contains("password");
			assertThat(error.line()).isEqualTo(lineOf(good, "minLength: 12"));
			assertThat(this.catalog.byId("villennes").orElseThrow().passwordPolicy().minLength()).isEqualTo(12);
			String page = HtmlUtils.htmlUnescape(this.mvc.perform(get("/").with((request) -> {
				request.setServerName("villennes.localhost");
				return request;
			})).andReturn().getResponse().getContentAsString());
			assertThat(page).contains("Ville de Villennes-sur-Seine");
			assertThat(this.clusters.forCluster("default").realm("villennes").toRepresentation().getPasswordPolicy())
				.contains("length(12)");

			TenantRegistration row = waitFor(Duration.ofSeconds(10),
					() -> this.registry.find("villennes").filter((r) -> r.pendingError() != null).orElse(null));
			String expected = "villennes.yaml:" + error.line() + ":" + error.column() + ": [" + error.rule() + "]";
			assertThat(row.pendingError()).startsWith(expected);
			assertThat(row.status()).isEqualTo(TenantStatus.SERVING);
			assertThat(row(platformPage(), "villennes")).contains("En service", "Modification refusée",
					"la commune reste servie avec sa dernière configuration valide", expected);
		}
		finally {
			writeAtomically(file, good);
		}
		waitFor(Duration.ofSeconds(10),
				() -> this.registry.find("villennes").filter((r) -> r.pendingError() == null).orElse(null));
		assertThat(row(platformPage(), "villennes")).doesNotContain("Modification refusée");
	}

	/** {@code /platform} as an operator of the platform realm sees it. */
	private String platformPage() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/platform").with(host("localhost"))
				.with(oidcLogin().clientRegistration(OPERATORS_REALM)
					.idToken((token) -> token.claim("preferred_username", "operateur-test"))
					.authorities(new SimpleGrantedAuthority("ROLE_operator"))))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return HtmlUtils.htmlUnescape(result.getResponse().getContentAsString());
	}

	/** The text of the tenant's row of {@code /platform}. */
	private static String row(String page, String tenantId) {
		int start = page.indexOf("id=\"tenant-" + tenantId + "\"");
		assertThat(start).as("row of " + tenantId).isNotNegative();
		return page.substring(start, page.indexOf("</tr>", start)).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
	}

	private static RequestPostProcessor host(String name) {
		return (request) -> {
			request.setServerName(name);
			return request;
		};
	}

	/**
	 * Replaces the file in one step, as an editor saving it does: the watcher never reads
	 * it half written.
	 */
	private static void writeAtomically(Path file, String text) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static int lineOf(String text, String fragment) {
		String before = text.substring(0, text.indexOf(fragment));
		return (int) before.chars().filter((c) -> c == '\n').count() + 1;
	}

	private static int columnOf(String text, String fragment) {
		int index = text.indexOf(fragment);
		return index - text.lastIndexOf('\n', index);
	}

	private static <T> T waitFor(Duration timeout, Callable<T> probe) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			T value = probe.call();
			if (value != null) {
				return value;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + timeout);
			}
			Thread.sleep(200);
		}
	}

}
