package fr.espacecommun.hostile;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.espacecommun.activation.internal.ApprovalQueue;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page route that takes an id, asked on Fresnes' host for an object of another
 * commune (a Vélizy citizen and import, a Villennes account awaiting approval, an
 * activation link of CCPLM): 404, nothing of the object on the page, and the object
 * unchanged in its own commune. The REST API's matrix is in ApiSecurityTests.
 */
class CrossTenantIdTests extends LiveServerTest {

	private static final Pattern IMPORT_PATH = Pattern.compile("/admin/import/([0-9a-f-]{36})");

	private static Others others;

	@Autowired
	private RegistrationService registration;

	@Autowired
	private ApprovalQueue queue;

	@Autowired
	private KeycloakClusters clusters;

	static Stream<String> routes() {
		return Stream.of("GET /admin/usagers/{citizen}", "POST /admin/usagers/{citizen}/export",
				"GET /admin/usagers/{citizen}/effacement", "POST /admin/usagers/{citizen}/effacement",
				"GET /admin/comptes/{pending}/refus", "POST /admin/comptes/{pending}/refus",
				"POST /admin/comptes/{pending}/activation", "GET /admin/import/{import}",
				"POST /admin/import/{import}/creer", "GET /admin/import/{import}/etat", "GET /activation/{token}",
				"POST /activation/{token}", "GET /activation/{token}/connexion", "POST /activation/{token}/connexion",
				"GET /activation/{token}/identifiants", "POST /activation/{token}/identifiants",
				"GET /activation/{token}/services", "POST /activation/{token}/services", "GET /activation/{token}/cgu",
				"POST /activation/{token}/cgu");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("routes")
	void fresnesAdminWhenAskingAnotherCommunesObjectByIdThen404AndObjectUntouched(String route) throws Exception {
		Others other = others();
		SignedIn fresnesAdmin = other.fresnesAdmin();
		String method = route.substring(0, route.indexOf(' '));
		String path = route.substring(route.indexOf(' ') + 1)
			.replace("{citizen}", other.citizenId())
			.replace("{pending}", other.pendingId())
			.replace("{import}", other.importId())
			.replace("{token}", other.token());
		String csrf = csrf(fresnesAdmin.browser().open(url("fresnes", "/admin/usagers")));

		// a redirect (to the link's sign-in page) is followed: where it leads counts
		HttpResponse<String> answer = method.equals("GET") ? fresnesAdmin.browser().open(url("fresnes", path))
				: fresnesAdmin.browser()
					.submit(url("fresnes", path), Map.of("_csrf", csrf, "confirmation", other.citizenUsername(),
							"reason", "Refus", "username", "voisin", "password", "x", "accept", "yes"));

		assertThat(answer.statusCode()).as(Browser.describe(answer)).isEqualTo(404);
		assertThat(answer.body()).doesNotContain(other.citizenUsername(), other.pendingUsername(), "Voisin",
				"import-voisin.csv");
		// nothing happened in the object's own commune
		assertThat(new RealmUsers(this.clusters).user(tenant("velizy"), other.citizenUsername())).isNotNull();
		assertThat(this.queue.pending(tenant("villennes"))).anyMatch((a) -> a.userId().equals(other.pendingId()));
	}

	@Test
	void wizardDraftWhenItsCookieIsCarriedToAnotherCommuneThenNotShownThere() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> first = browser.open(url("villennes", "/inscription"));
		browser.submit(url("villennes", first.uri().getPath()),
				Map.of("_csrf", csrf(first), "action", "next", "cguAccepted", "yes"));
		HttpResponse<String> identity = browser.open(url("villennes", "/inscription/identity"));
		browser.submit(url("villennes", "/inscription/identity"), Map.of("_csrf", csrf(identity), "action", "previous",
				"lastName", "Villennoise-Secrète", "firstNames", "Nadia"));
		assertThat(browser.cookie("villennes.localhost", "espace_inscription")).isNotNull();

		browser.carryCookies("villennes.localhost", "fresnes.localhost");
		for (String path : List.of("/inscription", "/inscription/identity", "/inscription/confirmation")) {
			HttpResponse<String> page = browser.open(url("fresnes", path));
			assertThat(page.statusCode()).as(Browser.describe(page)).isLessThan(500);
			assertThat(text(page)).doesNotContain("Villennoise-Secrète", "Nadia");
		}
		// still whole on its own commune
		assertThat(text(browser.open(url("villennes", "/inscription/identity")))).contains("Villennoise-Secrète");
	}

	private synchronized Others others() throws Exception {
		if (others != null) {
			return others;
		}
		String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		TenantDefinition velizy = tenant("velizy");
		String citizenUsername = "voisin" + unique;
		String citizenId = this.provisioner.ensureUser(velizy, citizenUsername, citizenUsername + "@example.org",
				"Paul", "Voisin", STAFF_PASSWORD, "citizen");

		SignedIn velizyAdmin = signInAsAdmin("velizy");
		HttpResponse<String> form = velizyAdmin.browser().open(url("velizy", "/admin/import"));
		String csv = "nom;prenoms;courriel;enfance;action-sociale\nVoisin;Léa;lea." + unique + "@example.org;;\n";
		HttpResponse<String> preview = velizyAdmin.browser()
			.upload(url("velizy", "/admin/import"), Map.of("_csrf", csrf(form)), "fichier", "import-voisin.csv",
					"text/csv", csv.getBytes(StandardCharsets.UTF_8));
		Matcher matcher = IMPORT_PATH.matcher(preview.uri().getPath());
		assertThat(matcher.find()).as(Browser.describe(preview)).isTrue();

		TenantDefinition villennes = tenant("villennes");
		String pendingUsername = "attente" + unique;
		String pendingEmail = pendingUsername + "@example.org";
		this.registration.submit(new RegistrationRequest(UUID.randomUUID(), villennes, "personal",
				Map.of("civility", "Madame", "lastName", "Voisine", "firstNames", "Nadia", "email", pendingEmail),
				pendingUsername, STAFF_PASSWORD, Map.of(), List.of(new Acceptance("cgu", villennes.terms().version(),
						villennes.terms().sha256(), Instant.now()))));
		String pendingId = new RealmUsers(this.clusters).user(villennes, pendingUsername).getId();

		TenantDefinition ccplm = tenant("ccplm");
		String linkEmail = "lien" + unique + "@example.org";
		this.registration.submit(new RegistrationRequest(UUID.randomUUID(), ccplm, "personal",
				Map.of("civility", "Madame", "lastName", "Voisine", "firstNames", "Léa", "email", linkEmail),
				"lien" + unique, STAFF_PASSWORD, Map.of(),
				List.of(new Acceptance("cgu", ccplm.terms().version(), ccplm.terms().sha256(), Instant.now()))));
		String token = ReceivedMail.to(linkEmail).activationToken();

		others = new Others(signInAsAdmin("fresnes"), citizenId, citizenUsername, pendingId, pendingUsername,
				matcher.group(1), token);
		return others;
	}

	/** Objects of other communes than Fresnes. */
	private record Others(SignedIn fresnesAdmin, String citizenId, String citizenUsername, String pendingId,
			String pendingUsername, String importId, String token) {
	}

}
