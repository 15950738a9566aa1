package fr.espacecommun.terms.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.settings.SettingKind;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commune's staff preview and publish a new CGU version over HTTP, and its citizens
 * must accept it at their next sign-in before reaching Mon espace; proofs are listed per
 * version. Every test works on a fresh copy of a commune, so the five real ones keep
 * their CGU.
 */
class TermsPagesTests extends LiveServerTest {

	private static final String PASSWORD = "Soleil-2026-Fort";

	private static final Pattern EVENT_HANDLER = Pattern.compile("(?i)<[a-z][^>]*\\son[a-z]+\\s*=");

	private static final Pattern SCRIPT_URL = Pattern.compile("(?i)(href|src)\\s*=\\s*[\"']?\\s*javascript:");

	@Autowired
	private RegistrationService registration;

	@Autowired
	private CitizenRecords records;

	@Autowired
	private TenantSettings settings;

	@Autowired
	private KeycloakClusters clusters;

	@Test
	void cguWhenStaffPreviewsThenRenderedOnThePageAndNothingPublished() throws Exception {
		TenantDefinition commune = newCommuneLike("fresnes");
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> editor = staff.browser().open(url(commune.id(), "/admin/cgu"));
		assertThat(text(editor)).as(() -> Browser.describe(editor))
			.contains("Conditions générales d'utilisation", "Version en vigueur", "2022-10",
					"Version d'origine (fichier de la commune)", "Libellé de la version", "Prévisualiser", "Publier")
			// the current text is pre-filled in the editor
			.contains(firstLine(commune.terms().markdown()));

		HttpResponse<String> preview = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"), Map.of("_csrf", csrf(editor), "label", "2027-01-15", "markdown",
					"# Nouvelles conditions\n\nArticle premier : **tout** change.", "action", "preview"));

		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("<h1>Nouvelles conditions</h1>", "<strong>tout</strong>");
		assertThat(text(preview)).contains("Aperçu (non publié)", "value=\"2027-01-15\"",
				"# Nouvelles conditions\n\nArticle premier : **tout** change.");
		assertThat(this.settings.history(commune.id(), SettingKind.TERMS)).isEmpty();
		assertThat(tenant(commune.id()).terms().version()).isEqualTo("2022-10");
		assertThat(text(staff.browser().open(url(commune.id(), "/admin/journal"))))
			.doesNotContain("Publication d'une nouvelle version des CGU");
	}

	@Test
	void cguWhenNewVersionPublishedThenCitizenRegisteredBeforeAcceptsItAtNextSignInAndStaffSeeTheProof()
			throws Exception {
		TenantDefinition commune = newCommuneLike("ccve");
		String email = "ancien." + suffix() + "@example.org";
		register(commune, email,
				List.of(new Acceptance("cgu", commune.terms().version(), commune.terms().sha256(), Instant.now())));

		// the proof from registration counts: not asked while the version is the same
		Browser before = new Browser();
		HttpResponse<String> reached = signIn(before, commune.id(), "/mon-espace", email);
		assertThat(before.current().getPath()).as(() -> Browser.describe(reached)).isEqualTo("/mon-espace");

		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> editor = staff.browser().open(url(commune.id(), "/admin/cgu"));
		HttpResponse<String> published = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"), Map.of("_csrf", csrf(editor), "label", "2026-12-01", "markdown",
					"# Conditions 2026\r\n\r\nArticle 1 : nouvelle rédaction.\r\n", "action", "publish"));
		assertThat(staff.browser().current().getPath()).isEqualTo("/admin/cgu");
		assertThat(text(published)).as(() -> Browser.describe(published))
			.contains("La version « 2026-12-01 » des conditions générales d'utilisation est publiée", "Publiée par",
					staff.username())
			.contains("<h1>Conditions 2026</h1>");
		TenantDefinition served = tenant(commune.id());
		assertThat(served.terms().version()).isEqualTo("2026-12-01");
		assertThat(served.terms().markdown()).isEqualTo("# Conditions 2026\n\nArticle 1 : nouvelle rédaction.\n");
		assertThat(text(staff.browser().open(url(commune.id(), "/admin/journal")))).contains(
				"Publication d'une nouvelle version des CGU", staff.username(), "terms v1", "2022-10", "2026-12-01");
		String versions = text(staff.browser().open(url(commune.id(), "/admin/cgu/versions")));
		assertThat(versions).contains("2026-12-01", "(en vigueur)", "2022-10", staff.username(),
				"Fichier de configuration de la commune", "/admin/cgu/versions/1", "/admin/cgu/versions/0");

		// the citizen signs in again, asking for a page of Mon espace: the CGU first
		Browser browser = new Browser();
		HttpResponse<String> terms = signIn(browser, commune.id(), "/mon-espace?vue=profil", email);
		assertThat(browser.current().getPath()).as(() -> Browser.describe(terms)).isEqualTo("/mon-espace/cgu");
		assertThat(text(terms)).contains("version 2026-12-01", "J'accepte les conditions générales d'utilisation",
				"Se déconnecter");
		assertThat(terms.body()).contains("<h1>Conditions 2026</h1>");
		// any other page of Mon espace leads there too
		assertThat(browser.get(url(commune.id(), "/mon-espace")).headers().firstValue("Location").orElse(""))
			.contains("/mon-espace/cgu");

		// not ticked: kept on the page, told why in French, with a way out
		HttpResponse<String> refused = browser.submit(url(commune.id(), "/mon-espace/cgu"),
				Map.of("_csrf", csrf(terms), "sha256", served.terms().sha256(), "suite", "/mon-espace?vue=profil"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(text(refused)).contains(
				"Cochez « J'accepte les conditions générales d'utilisation » pour accéder à votre espace",
				"vous pouvez vous déconnecter", "action=\"/deconnexion\"");
		String userId = new RealmUsers(this.clusters).user(commune, email).getId();
		assertThat(this.records.acceptances(commune, userId)).extracting(Acceptance::version)
			.containsExactly("2022-10");

		HttpResponse<String> accepted = browser.submit(url(commune.id(), "/mon-espace/cgu"), Map.of("_csrf",
				csrf(refused), "accept", "true", "sha256", served.terms().sha256(), "suite", "/mon-espace?vue=profil"));
		assertThat(browser.current().getPath()).as(() -> Browser.describe(accepted)).isEqualTo("/mon-espace");
		assertThat(browser.current().getQuery()).isEqualTo("vue=profil");
		assertThat(text(accepted)).contains("Mon espace", "Bonjour Jean Ancien");
		assertThat(this.records.acceptances(commune, userId)).last().satisfies((proof) -> {
			assertThat(proof.kind()).isEqualTo("cgu");
			assertThat(proof.version()).isEqualTo("2026-12-01");
			assertThat(proof.sha256()).isEqualTo(served.terms().sha256());
		});

		// staff read who accepted which version
		String newVersion = text(staff.browser().open(url(commune.id(), "/admin/cgu/versions/1")));
		assertThat(newVersion).contains("Conditions générales d'utilisation, version 2026-12-01", "En vigueur",
				"Acceptations de cette version (1)", email);
		String oldVersion = text(staff.browser().open(url(commune.id(), "/admin/cgu/versions/0")));
		assertThat(oldVersion).contains("version 2022-10", "Remplacée par une version plus récente",
				"Acceptations de cette version (1)", email);

		// signing in again: straight to Mon espace
		Browser later = new Browser();
		HttpResponse<String> again = signIn(later, commune.id(), "/mon-espace", email);
		assertThat(later.current().getPath()).as(() -> Browser.describe(again)).isEqualTo("/mon-espace");
		assertThat(text(again)).contains("Bonjour Jean Ancien");
	}

	@Test
	void cguWhenCitizenRegistersThroughTheWizardAfterPublicationThenNotAskedAgain() throws Exception {
		TenantDefinition commune = newCommuneLike("ccve");
		TenantDefinition served = this.settings.publishTerms(commune, "2026-12-15",
				"# CGU de décembre\n\nTexte publié avant l'inscription.\n", "agent-test");
		String email = "nouveau." + suffix() + "@example.org";

		Browser browser = new Browser();
		HttpResponse<String> page = browser.open(url(commune.id(), "/inscription"));
		page = next(browser, commune, "account-type", page, "accountType", "personal");
		page = next(browser, commune, "consent", page, "consent", "accept");
		page = next(browser, commune, "welcome", page);
		assertThat(text(page)).contains("CGU de décembre");
		page = next(browser, commune, "cgu", page, "cguAccepted", "yes");
		page = next(browser, commune, "identity", page, "civility", "Madame", "lastName", "Nouvelle", "firstNames",
				"Inès");
		page = next(browser, commune, "address", page);
		page = next(browser, commune, "contact", page, "phone", "01 64 93 21 20", "email", email);
		HttpResponse<String> confirmation = next(browser, commune, "credentials", page, "password", PASSWORD,
				"passwordConfirmation", PASSWORD);
		assertThat(text(confirmation)).as(() -> Browser.describe(confirmation))
			.contains("Votre espace a bien été activé");
		String userId = new RealmUsers(this.clusters).user(commune, email).getId();
		assertThat(this.records.acceptances(commune, userId)).filteredOn((proof) -> proof.kind().equals("cgu"))
			.singleElement()
			.satisfies((proof) -> assertThat(proof.sha256()).isEqualTo(served.terms().sha256()));

		Browser citizen = new Browser();
		HttpResponse<String> reached = signIn(citizen, commune.id(), "/mon-espace", email);

		assertThat(citizen.current().getPath()).as(() -> Browser.describe(reached)).isEqualTo("/mon-espace");
		assertThat(text(reached)).contains("Bonjour Inès Nouvelle");
	}

	@Test
	void cguWhenMarkdownHoldsScriptsThenNoPageEverRunsThem() throws Exception {
		TenantDefinition commune = newCommuneLike("fresnes");
		String markdown = "# Titre <script>alert('cgu')</script>\n\n<img src=x onerror=alert(1)>\n\n"
				+ "[Cliquez](javascript:alert(2))\n\n<a href=\"#\" onclick=\"alert(3)\">lien</a>\n\n"
				+ "<iframe src=\"https://example.org\"></iframe>\n";
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> editor = staff.browser().open(url(commune.id(), "/admin/cgu"));

		HttpResponse<String> preview = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"),
					Map.of("_csrf", csrf(editor), "label", "xss", "markdown", markdown, "action", "preview"));
		assertThat(preview.body()).contains("<h1>Titre");
		assertSafe(preview);

		HttpResponse<String> published = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"),
					Map.of("_csrf", csrf(preview), "label", "xss", "markdown", markdown, "action", "publish"));
		assertThat(text(published)).contains("La version « xss »");
		assertSafe(published);
		assertSafe(staff.browser().open(url(commune.id(), "/admin/cgu/versions/1")));

		Browser citizen = new Browser();
		HttpResponse<String> terms = signIn(citizen, commune.id(), "/mon-espace",
				citizenWithoutProof(commune, "lecteur"));
		assertThat(citizen.current().getPath()).isEqualTo("/mon-espace/cgu");
		assertThat(terms.body()).contains("<h1>Titre");
		assertSafe(terms);
	}

	@Test
	void cguWhenLabelAlreadyUsedOrTextEmptyThenRefusedNextToTheFieldWithTheTextKept() throws Exception {
		TenantDefinition commune = newCommuneLike("fresnes");
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> editor = staff.browser().open(url(commune.id(), "/admin/cgu"));
		HttpResponse<String> first = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"), Map.of("_csrf", csrf(editor), "label", "2026-09", "markdown",
					"# Septembre\n\nPremière rédaction.", "action", "publish"));
		assertThat(text(first)).contains("La version « 2026-09 »");

		String typed = "# Septembre bis\n\nUne rédaction qu'il ne faut pas perdre.";
		HttpResponse<String> sameLabel = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"),
					Map.of("_csrf", csrf(first), "label", " 2026-09 ", "markdown", typed, "action", "publish"));
		assertThat(sameLabel.statusCode()).isEqualTo(400);
		assertThat(text(sameLabel)).contains("Le formulaire contient 1 erreur(s)", "href=\"#label\"",
				"id=\"label-erreur\"", "Une version « 2026-09 » existe déjà : choisissez un autre libellé.",
				"aria-invalid=\"true\"", typed);

		HttpResponse<String> fileLabel = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"),
					Map.of("_csrf", csrf(sameLabel), "label", "2022-10", "markdown", typed, "action", "publish"));
		assertThat(fileLabel.statusCode()).isEqualTo(400);
		assertThat(text(fileLabel)).contains("Une version « 2022-10 » existe déjà", typed);

		HttpResponse<String> empty = staff.browser()
			.submit(url(commune.id(), "/admin/cgu"),
					Map.of("_csrf", csrf(fileLabel), "label", "2026-10", "markdown", "  \n ", "action", "publish"));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(text(empty)).contains("href=\"#markdown\"",
				"Saisissez le texte des conditions générales d'utilisation : il ne peut pas être vide.",
				"value=\"2026-10\"");

		assertThat(this.settings.history(commune.id(), SettingKind.TERMS)).hasSize(1);
		assertThat(tenant(commune.id()).terms().version()).isEqualTo("2026-09");
	}

	@Test
	void cguVersionWhenNumberOnlyExistsInAnotherCommuneThenNotFound() throws Exception {
		TenantDefinition publisher = newCommuneLike("fresnes");
		this.settings.publishTerms(publisher, "v-autre-commune", "# Texte propre à une autre commune\n", "agent");
		TenantDefinition other = newCommuneLike("ccplm");
		SignedIn staff = signInAsAdmin(other.id());

		HttpResponse<String> page = staff.browser().get(url(other.id(), "/admin/cgu/versions/1"));

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(text(page)).contains("Il n'existe pas de version n° 1")
			.doesNotContain("v-autre-commune", "propre à une autre commune");
		assertThat(staff.browser().get(url(other.id(), "/admin/cgu/versions/abc")).statusCode()).isEqualTo(404);
		assertThat(text(staff.browser().get(url(other.id(), "/admin/cgu/versions/0")))).contains("version 1.0")
			.doesNotContain("v-autre-commune");
	}

	@Test
	void cguWhenCommuneAsksToScrollThenPageGatesAcceptanceWithScriptAndNoScriptFallback() throws Exception {
		TenantDefinition commune = newCommuneLike("velizy");
		assertThat(commune.terms().scrollToAccept()).isTrue();
		Browser browser = new Browser();

		HttpResponse<String> terms = signIn(browser, commune.id(), "/mon-espace",
				citizenWithoutProof(commune, "defileur"));

		assertThat(browser.current().getPath()).isEqualTo("/mon-espace/cgu");
		assertThat(terms.body()).contains("id=\"cgu-text\"", "data-scroll-to-accept=\"true\"", "/js/cgu-scroll.js",
				"Faites défiler le texte jusqu");
		// without JavaScript the box stays usable; the server still requires it ticked
		java.util.regex.Matcher box = Pattern.compile("<input id=\"accept\"[^>]*>").matcher(terms.body());
		assertThat(box.find()).isTrue();
		assertThat(box.group()).doesNotContain("disabled");

		// a continuation leading off Mon espace is ignored
		HttpResponse<String> accepted = browser.submit(url(commune.id(), "/mon-espace/cgu"),
				Map.of("_csrf", csrf(terms), "accept", "true", "sha256", commune.terms().sha256(), "suite",
						"//evil.example.org/mon-espace"));
		assertThat(browser.current().getHost()).isEqualTo(commune.id() + ".localhost");
		assertThat(browser.current().getPath()).as(() -> Browser.describe(accepted)).isEqualTo("/mon-espace");
	}

	@Test
	void cguWhenNewVersionPublishedWhileCitizenReadsThenAcceptanceOfTheOldTextRefused() throws Exception {
		TenantDefinition commune = newCommuneLike("fresnes");
		Browser browser = new Browser();
		HttpResponse<String> terms = signIn(browser, commune.id(), "/mon-espace", citizenWithoutProof(commune, "lent"));
		assertThat(browser.current().getPath()).isEqualTo("/mon-espace/cgu");

		this.settings.publishTerms(commune, "2026-12-31", "# Dernière minute\n", "agent");
		HttpResponse<String> again = browser.submit(url(commune.id(), "/mon-espace/cgu"),
				Map.of("_csrf", csrf(terms), "accept", "true", "sha256", commune.terms().sha256()));

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(text(again)).contains("Une nouvelle version des conditions générales d'utilisation vient d'être",
				"version 2026-12-31");
		assertThat(again.body()).contains("<h1>Dernière minute</h1>");
	}

	private static void assertSafe(HttpResponse<String> page) {
		assertThat(page.body()).as(() -> Browser.describe(page))
			.doesNotContain("<script>alert", "<img src=x", "<iframe")
			.doesNotContainPattern(EVENT_HANDLER)
			.doesNotContainPattern(SCRIPT_URL);
	}

	private void register(TenantDefinition commune, String email, List<Acceptance> acceptances) {
		this.registration.submit(
				new RegistrationRequest(UUID.randomUUID(), commune, "personal",
						Map.of("civility", "Monsieur", "lastName", "Ancien", "firstNames", "Jean", "email", email,
								"phone", "01 64 93 21 20", "preferredContact", "courriel"),
						email, PASSWORD, Map.of(), acceptances));
	}

	/** A citizen of the commune's realm with no acceptance stored at all. */
	private String citizenWithoutProof(TenantDefinition commune, String prefix) {
		String username = prefix + "-" + suffix();
		this.provisioner.ensureUser(commune, username, username + "@example.org", "Alix", "Lecteur", PASSWORD,
				"citizen");
		return username;
	}

	private HttpResponse<String> signIn(Browser browser, String tenantId, String path, String username)
			throws Exception {
		HttpResponse<String> login = browser.open(url(tenantId, path));
		return browser.submit(Browser.formAction(login.body()), Map.of("username", username, "password", PASSWORD));
	}

	private HttpResponse<String> next(Browser browser, TenantDefinition commune, String step, HttpResponse<String> page,
			String... fields) throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf(page));
		form.put("action", "next");
		for (int i = 0; i < fields.length; i += 2) {
			form.put(fields[i], fields[i + 1]);
		}
		HttpResponse<String> reached = browser.submit(url(commune.id(), "/inscription/" + step), form);
		assertThat(reached.statusCode()).as(() -> step + ": " + Browser.describe(reached)).isEqualTo(200);
		return reached;
	}

	private static String firstLine(String markdown) {
		return markdown.strip().lines().findFirst().orElseThrow();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
