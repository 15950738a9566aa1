package fr.espacecommun.citizen;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A citizen signs in to Mon espace through their commune's realm, over real HTTP, with
 * the real Keycloak: authorisation code with PKCE, and a session that stays on its own
 * host.
 */
class MonEspaceLoginTests extends LiveServerTest {

	@Autowired
	private RegistrationService registration;

	@Autowired
	private CitizenRecords records;

	@Test
	void monEspaceWhenCitizenSignsInThroughFresnesRealmThenSeesOwnProfile() throws Exception {
		acceptedCurrentTerms("fresnes", this.provisioner.ensureUser(this.catalog.byId("fresnes").orElseThrow(),
				"camille.martin", "camille.martin@example.org", "Camille", "Martin", "sapin2026ok", "citizen"));
		Browser browser = new Browser();

		HttpResponse<String> loginPage = browser.open(fresnes("/mon-espace"));
		assertThat(browser.current().getPath()).isEqualTo("/realms/fresnes/protocol/openid-connect/auth");
		assertThat(browser.current().getQuery()).contains("code_challenge_method=S256", "code_challenge=");
		assertThat(loginPage.statusCode()).isEqualTo(200);

		HttpResponse<String> page = browser.submit(Browser.formAction(loginPage.body()),
				Map.of("username", "camille.martin", "password", "sapin2026ok"));

		assertThat(browser.current().getHost()).as(() -> Browser.describe(page)).isEqualTo("fresnes.localhost");
		assertThat(browser.current().getPath()).isEqualTo("/mon-espace");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Mon espace", "Bonjour Camille Martin",
				"camille.martin@example.org", "Espace Famille");
	}

	@Test
	void villennesHostWhenFresnesSessionCookieThenUnauthorized() throws Exception {
		acceptedCurrentTerms("fresnes", this.provisioner.ensureUser(this.catalog.byId("fresnes").orElseThrow(),
				"lea.bernard", "lea.bernard@example.org", "Léa", "Bernard", "chene2026ok", "citizen"));
		Browser browser = new Browser();
		HttpResponse<String> loginPage = browser.open(fresnes("/mon-espace"));
		browser.submit(Browser.formAction(loginPage.body()),
				Map.of("username", "lea.bernard", "password", "chene2026ok"));
		assertThat(browser.current().getPath()).isEqualTo("/mon-espace");

		// a browser keeps the session cookie on its host: Villennes sees nobody signed in
		HttpResponse<String> fresh = browser.get("http://villennes.localhost:" + PORT + "/mon-espace");
		assertThat(fresh.statusCode()).isEqualTo(302);
		assertThat(fresh.body()).doesNotContain("Bernard");

		// and a session cookie carried there by hand is refused
		browser.carryCookies("fresnes.localhost", "villennes.localhost");
		HttpResponse<String> other = browser.get("http://villennes.localhost:" + PORT + "/mon-espace");

		assertThat(other.statusCode()).isEqualTo(401);
		assertThat(other.body()).doesNotContain("Bernard");
	}

	@Test
	void authorizationWhenAnotherCommunesRealmOnFresnesHostThenNeverRedirectedToIt() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> response = browser.get(fresnes("/oauth2/authorization/villennes"));
		assertThat(response.statusCode()).isNotEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("/realms/villennes");
	}

	@Test
	void monEspaceWhenNotSignedInThenSentToOwnRealmOnly() throws Exception {
		Browser browser = new Browser();
		browser.open("http://ccplm.localhost:" + PORT + "/mon-espace");
		assertThat(browser.current().getPath()).isEqualTo("/realms/ccplm/protocol/openid-connect/auth");
	}

	@Test
	void monEspaceWhenCitizenRegisteredThenSeesProfileKeyAndChangesContactKeyAndPassword() throws Exception {
		TenantDefinition ccve = this.catalog.byId("ccve").orElseThrow();
		String email = "jean." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.registration.submit(new RegistrationRequest(UUID.randomUUID(), ccve, "personal",
				Map.of("civility", "Monsieur", "lastName", "Test", "firstNames", "Jean", "email", email, "phone",
						"01 64 93 21 20", "preferredContact", "courriel"),
				email, "Soleil-2026-Fort", Map.of("enfance", "23456-B7J8K2"),
				List.of(new Acceptance("cgu", ccve.terms().version(), ccve.terms().sha256(), Instant.now()))));
		Browser browser = new Browser();
		HttpResponse<String> loginPage = browser.open(ccve("/mon-espace"));
		HttpResponse<String> page = browser.submit(Browser.formAction(loginPage.body()),
				Map.of("username", email, "password", "Soleil-2026-Fort"));
		String text = HtmlUtils.htmlUnescape(page.body());
		assertThat(text).contains("Bonjour Jean Test", "Activé", email, "value=\"01 64 93 21 20\"",
				"value=\"23456-B7J8K2\"", "Clé en attente de vérification par le service.",
				"Le mot de passe doit contenir au minimum 12 caractère(s)");

		// contact details: a bad number is refused next to its field, what was typed is
		// kept
		page = browser.submit(ccve("/mon-espace/coordonnees"),
				Map.of("_csrf", csrf(text), "phone", "12 34", "preferredContact", "telephone"));
		text = HtmlUtils.htmlUnescape(page.body());
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text).contains("Le champ « Téléphone » doit contenir un numéro de téléphone français",
				"value=\"12 34\"");
		page = browser.submit(ccve("/mon-espace/coordonnees"),
				Map.of("_csrf", csrf(text), "phone", "06 12 34 56 78", "preferredContact", "telephone"));
		text = HtmlUtils.htmlUnescape(page.body());
		assertThat(text).contains("Vos coordonnées ont été enregistrées.", "value=\"06 12 34 56 78\"");

		// service key: wrong format refused, a new one saved
		page = browser.submit(ccve("/mon-espace/cles"), Map.of("_csrf", csrf(text), "key-enfance", "123"));
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("La clé « Enfance » n'a pas le bon format");
		page = browser.submit(ccve("/mon-espace/cles"),
				Map.of("_csrf", csrf(HtmlUtils.htmlUnescape(page.body())), "key-enfance", "65432-z9y8x7"));
		text = HtmlUtils.htmlUnescape(page.body());
		assertThat(text).contains("Vos clés de services ont été enregistrées.", "value=\"65432-Z9Y8X7\"");

		// password: the commune's rules in its own words, then a good one works at the
		// realm
		page = browser.submit(ccve("/mon-espace/mot-de-passe"),
				Map.of("_csrf", csrf(text), "password", "court", "confirmation", "court"));
		text = HtmlUtils.htmlUnescape(page.body());
		assertThat(text).contains("Le mot de passe doit contenir au minimum 12 caractère(s)", "manque");
		page = browser.submit(ccve("/mon-espace/mot-de-passe"),
				Map.of("_csrf", csrf(text), "password", "Nouveau-Passe-2026", "confirmation", "Nouveau-Passe-2026"));
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Votre mot de passe a été changé.");

		Browser later = new Browser();
		HttpResponse<String> login = later.open(ccve("/mon-espace"));
		HttpResponse<String> refused = later.submit(Browser.formAction(login.body()),
				Map.of("username", email, "password", "Soleil-2026-Fort"));
		assertThat(later.current().getHost()).isEqualTo("localhost");
		HttpResponse<String> accepted = later.submit(Browser.formAction(refused.body()),
				Map.of("username", email, "password", "Nouveau-Passe-2026"));
		assertThat(HtmlUtils.htmlUnescape(accepted.body())).contains("Bonjour Jean Test");
	}

	/**
	 * As the wizard records it: Mon espace opens only once the CGU in force are accepted.
	 */
	private void acceptedCurrentTerms(String tenantId, String userId) {
		TenantDefinition tenant = this.catalog.byId(tenantId).orElseThrow();
		this.records.saveAcceptance(tenant, userId,
				new Acceptance("cgu", tenant.terms().version(), tenant.terms().sha256(), Instant.now()));
	}

	private static String ccve(String path) {
		return "http://ccve.localhost:" + PORT + path;
	}

	private static String csrf(String page) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(page);
		assertThat(matcher.find()).as("CSRF field on the page").isTrue();
		return matcher.group(1);
	}

	private static String fresnes(String path) {
		return "http://fresnes.localhost:" + PORT + path;
	}

}
