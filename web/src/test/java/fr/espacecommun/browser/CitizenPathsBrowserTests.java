package fr.espacecommun.browser;

import java.util.List;
import java.util.Map;

import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.activation.PreProvisioning.PreProvisionedAccount;
import fr.espacecommun.mail.ReceivedMail;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each commune's citizen path walked in a real browser, clicking and typing as a person
 * does: from the home page through the whole wizard, the mail, the activation and the
 * first sign-in to Mon espace; every page checked with axe-core and photographed at 360
 * px and 1280 px ({@code target/screenshots/<commune>/}).
 */
class CitizenPathsBrowserTests extends BrowserTest {

	@Autowired
	private PreProvisioning preProvisioning;

	@Test
	void fresnesWhenPersonWalksTheWizardThenActivatesFromTheMailAndReachesMonEspace() {
		String suffix = unique();
		String email = "marie.curie." + suffix + "@example.fr";
		String username = "mcurie" + suffix;
		String password = "soleil2026x";
		Visitor marie = visitor("fresnes", true);

		marie.open(url("fresnes", "/"));
		assertThat(marie.heading()).isEqualTo("Bienvenue sur votre Espace Famille");
		marie.step("accueil");
		marie.click("Créer mon espace");
		assertThat(marie.text()).contains("Bonjour et bienvenue", "Étape 1 sur 6 : Bienvenue");
		marie.step("bienvenue");
		marie.click("Je crée mon espace");

		assertThat(marie.text()).contains("Étape 2 sur 6 : CGU");
		marie.step("cgu");
		marie.tick("J'accepte les conditions générales d'utilisation");
		marie.click("Suivant");

		// the progress bar says where she is, in words too
		assertThat(marie.driver()
			.findElement(By.cssSelector(".wizard-progress [aria-current='step']"))
			.getAttribute("textContent")
			.replaceAll("\\s+", " ")).contains("Identité", "(étape en cours)");
		marie.choose("Civilité", "Madame");
		marie.type("Nom usuel", "Curie");
		marie.type("Prénom(s)", "Marie");
		marie.step("identite");
		marie.click("Suivant");

		// the address is suggested as she types, and chosen with the mouse
		marie.type("Adresse complète", "8 bd du port");
		assertThat(suggestions(marie)).extracting(WebElement::getText)
			.contains("8 Boulevard du Port 80000 Amiens", "8 bis Boulevard du Port 95000 Cergy");
		marie.step("adresse-propositions");
		suggestions(marie).get(0).click();
		assertThat(marie.field("Adresse complète").getAttribute("value")).isEqualTo("8 Boulevard du Port 80000 Amiens");
		marie.type("Bâtiment", "A");
		marie.click("Suivant");

		marie.type("Téléphone", "01 49 84 56 56");
		marie.type("Courriel", email);
		marie.choose("Moyen de contact préféré", "Courriel");
		marie.step("contact");
		marie.click("Suivant");

		// the guide's AUTHENTIFICATION page: credentials, service keys and security check
		assertThat(marie.sectionTitles()).containsExactly("Authentification", "Services", "Contrôle de sécurité");
		assertThat(marie.text()).contains("Cliquez sur le pied");
		marie.type("Identifiant d'utilisateur", username);
		marie.type("Mot de passe", password);
		marie.type("Confirmation du mot de passe", password);
		marie.type("Enfance", "23456-B7J8K2");
		String foot = captchaPictureId(marie, "fresnes");
		marie.driver().findElement(By.cssSelector("label[for='" + foot + "']")).click();
		marie.step("authentification");
		marie.click("Valider");

		assertThat(marie.path()).isEqualTo("/inscription/confirmation");
		assertThat(marie.text()).contains("Votre espace a bien été créé.",
				"Pour activer votre espace, merci de suivre les instructions de ce message.");
		marie.step("confirmation");

		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.text()).contains("Bonjour Marie Curie", username);
		marie.open(onThisServer(mail.activationLink()));
		assertThat(marie.heading()).isEqualTo("Activer mon espace");
		marie.step("lien-activation");
		marie.click("Activer mon espace");
		assertThat(marie.text()).contains("Votre espace est activé", username);
		marie.step("espace-active");

		marie.click("Accéder à Mon espace");
		assertCommuneSignInPage(marie, "fresnes");
		marie.step("connexion-keycloak");
		signInOnKeycloak(marie, username, password);
		assertThat(marie.path()).isEqualTo("/mon-espace");
		assertThat(marie.text()).contains("Bonjour Marie Curie", email, "Espace Famille");
		marie.step("mon-espace");
	}

	@Test
	void ccplmWhenPersonWalksTheWizardWithStreetSearchThenActivatesAndReachesMonEspace() {
		String suffix = unique();
		String email = "marc.boyet." + suffix + "@example.fr";
		String username = "mboyet" + suffix;
		String password = "Soleil2026";
		Visitor marc = visitor("ccplm", true);

		marc.open(url("ccplm", "/"));
		marc.step("accueil");
		marc.click("Créer mon espace");
		marc.step("bienvenue");
		marc.click("Je crée mon espace");
		marc.step("cgu");
		marc.tick("J'accepte les conditions générales d'utilisation");
		marc.click("Suivant");

		marc.choose("Civilité", "Monsieur");
		marc.type("Nom usuel", "BOYET");
		marc.type("Prénom(s)", "Marc");
		marc.type("Date de naissance", "01051975");
		marc.type("Pays de naissance", "FRANCE");
		marc.type("Département de naissance", "95");
		marc.type("Commune de naissance", "Pontoise");
		marc.step("identite");
		marc.click("Suivant");

		// choosing a suggestion fills the detailed fields
		marc.type("Rechercher une rue", "15 rue du port");
		assertThat(suggestions(marc)).hasSize(4);
		marc.step("adresse-propositions");
		suggestions(marc).get(0).click();
		assertThat(marc.field("Numéro").getAttribute("value")).isEqualTo("8");
		assertThat(marc.field("Nom de la voie").getAttribute("value")).isEqualTo("Boulevard du Port");
		assertThat(marc.field("Code postal").getAttribute("value")).isEqualTo("80000");
		assertThat(marc.field("Ville").getAttribute("value")).isEqualTo("Amiens");
		assertThat(marc.field("Pays").getAttribute("value")).isEqualTo("France");
		marc.step("adresse");
		marc.click("Suivant");

		marc.type("Courriel", email);
		marc.step("contact");
		marc.click("Suivant");

		marc.type("Nom d'utilisateur", username);
		marc.type("Mot de passe", password);
		marc.type("Confirmation du mot de passe", password);
		String pencil = captchaPictureId(marc, "ccplm");
		marc.driver().findElement(By.cssSelector("label[for='" + pencil + "']")).click();
		marc.step("authentification");
		marc.click("Valider");

		// CCPLM's own confirmation sentence, not Fresnes' wording
		assertThat(marc.text()).contains(
				"Un courriel de confirmation de création et d'activation de votre espace personnel vous sera adressé.")
			.doesNotContain("Pour activer votre espace, merci de suivre les instructions de ce message.");
		marc.step("confirmation");

		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.subject()).contains("Espace Citoyens");
		marc.open(onThisServer(mail.activationLink()));
		marc.step("lien-activation");
		marc.click("Activer mon espace");
		assertThat(marc.text()).contains("Votre espace est activé", username);
		marc.step("espace-active");
		marc.click("Accéder à Mon espace");
		assertCommuneSignInPage(marc, "ccplm");
		marc.step("connexion-keycloak");
		signInOnKeycloak(marc, username, password);
		assertThat(marc.path()).isEqualTo("/mon-espace");
		assertThat(marc.text()).contains("Bonjour Marc BOYET", "8 Boulevard du Port", "Amiens");
		marc.step("mon-espace");
	}

	@Test
	void villennesWhenPersonWalksTheWizardThenStaffActivatesTheRequestAndSheReachesMonEspace() {
		String suffix = unique();
		String email = "n.langlois." + suffix + "@example.fr";
		String username = "nlanglois" + suffix;
		String password = "Soleil-2026-Fort";
		Visitor nadia = visitor("villennes", true);

		nadia.open(url("villennes", "/"));
		nadia.step("accueil");
		nadia.click("Créer mon espace");
		// no welcome page: the CGU come first
		assertThat(nadia.text()).contains("Étape 1 sur 5 : CGU");
		nadia.step("cgu");
		nadia.tick("J'accepte les conditions générales d'utilisation");
		nadia.click("Suivant");

		nadia.choose("Civilité", "Madame");
		nadia.type("Nom usuel", "Langlois");
		nadia.type("Prénom(s)", "Nadia");
		nadia.step("identite");
		nadia.click("Suivant");

		nadia.type("Rechercher une adresse", "12 rue du port");
		suggestions(nadia).get(1).click();
		assertThat(nadia.field("Ville").getAttribute("value")).isEqualTo("Cergy");
		nadia.step("adresse");
		nadia.click("Suivant");

		nadia.type("Mobile", "06 12 34 56 78");
		nadia.type("Courriel", email);
		nadia.choose("Moyen de contact préféré", "Mobile");
		nadia.step("contact");
		nadia.click("Suivant");

		nadia.type("Identifiant", username);
		nadia.type("Mot de passe", password);
		nadia.type("Confirmation du mot de passe", password);
		nadia.step("authentification");
		nadia.click("Valider");

		assertThat(nadia.text()).contains("Votre espace a bien été créé.", "Elle sera effective au plus tard le");
		nadia.step("confirmation");
		assertThat(ReceivedMail.to(email).text()).contains("Elle sera effective au plus tard le", username);

		// at the town hall, a staff member signs in and activates her request from the
		// queue
		newSession();
		Visitor agent = visitor("villennes-agent", true);
		String staff = newStaffMember("villennes");
		agent.open(url("villennes", "/admin"));
		assertCommuneSignInPage(agent, "villennes");
		agent.step("connexion-keycloak");
		signInOnKeycloak(agent, staff, STAFF_PASSWORD);
		assertThat(agent.text()).contains("Bonjour " + staff + ", vous administrez");
		agent.step("administration");
		agent.click("Comptes en attente");
		assertThat(agent.text()).contains("Nadia Langlois", username, email, "Dans les délais");
		agent.step("comptes-en-attente");
		agent.click("Activer le compte de Nadia Langlois (" + username + ")");
		assertThat(agent.text()).contains("Le compte de Nadia Langlois (" + username + ") est activé")
			.doesNotContain(email);
		agent.step("compte-active");
		assertThat(ReceivedMail.awaitCount(email, 2)).anySatisfy((mail) -> assertThat(mail.text())
			.contains("votre espace est activé pour le nom d'utilisateur : " + username));

		// at home, Nadia signs in for the first time
		newSession();
		nadia.open(url("villennes", "/mon-espace"));
		assertCommuneSignInPage(nadia, "villennes");
		nadia.step("connexion-keycloak");
		signInOnKeycloak(nadia, username, password);
		assertThat(nadia.path()).isEqualTo("/mon-espace");
		assertThat(nadia.text()).contains("Bonjour Nadia Langlois", email);
		nadia.step("mon-espace");
	}

	@Test
	void ccveWhenPersonWalksTheWizardThenActiveAtOnceAndReachesMonEspace() {
		String email = "dsi." + unique() + "@ccvalessonne.com";
		String password = "Soleil-2026-Fort";
		Visitor dsi = visitor("ccve", true);

		dsi.open(url("ccve", "/"));
		dsi.step("accueil");
		dsi.click("Créer mon espace");
		dsi.step("type-de-compte");
		dsi.tick("COMPTE PERSONNEL");
		dsi.click("Suivant");
		assertThat(dsi.text()).contains("Consentement au traitement des données personnelles");
		dsi.step("consentement");
		dsi.click("ACCEPTER");
		dsi.step("bienvenue");
		dsi.click("Je crée mon espace");
		dsi.step("cgu");
		dsi.tick("J'accepte les conditions générales d'utilisation");
		dsi.click("Suivant");

		dsi.choose("Civilité", "Monsieur");
		dsi.type("Nom", "Groupe Fictif");
		dsi.type("Prénom(s)", "Test");
		dsi.step("identite");
		dsi.click("Suivant");

		dsi.type("Rechercher une adresse", "8 bd du port");
		suggestions(dsi).get(0).click();
		dsi.step("adresse");
		dsi.click("Suivant");

		dsi.type("Téléphone", "01 64 93 21 20");
		dsi.type("Courriel", email);
		dsi.step("contact");
		dsi.click("Suivant");

		assertThat(dsi.text()).contains("Votre nom d'utilisateur sera votre adresse de courriel : " + email);
		dsi.type("Mot de passe", password);
		dsi.type("Confirmation du mot de passe", password);
		dsi.step("authentification");
		dsi.click("Valider");

		assertThat(dsi.text()).contains("Votre espace a bien été activé pour le nom d'utilisateur : " + email);
		dsi.step("confirmation");
		assertThat(ReceivedMail.to(email).text()).contains("Votre espace a bien été activé");

		dsi.click("J'accède à mon espace personnel");
		assertCommuneSignInPage(dsi, "ccve");
		dsi.step("connexion-keycloak");
		signInOnKeycloak(dsi, email, password);
		assertThat(dsi.path()).isEqualTo("/mon-espace");
		assertThat(dsi.text()).contains("Bonjour Test Groupe Fictif", email);
		dsi.step("mon-espace");
	}

	@Test
	void velizyWhenCommuneCreatedTheAccountThenPersonalisedFromTheMailWithTheCguAcceptedLastAfterScrolling() {
		Visitor helene = visitor("velizy", true);
		helene.open(url("velizy", "/"));
		helene.step("accueil");
		helene.click("Créer mon espace");
		assertThat(helene.text()).contains("les espaces personnels sont créés par les services de la commune");
		helene.step("creation-par-la-commune");

		String email = "helene." + unique() + "@example.org";
		PreProvisionedAccount account = this.preProvisioning.create(tenant("velizy"), "Lefèvre", "Hélène", email,
				Map.of("enfance", "23456-B7J8K2"));
		ReceivedMail mail = ReceivedMail.to(email);
		String generatedPassword = line(mail.text(), "Mot de passe : ");
		assertThat(line(mail.text(), "Nom d'utilisateur : ")).isEqualTo(account.username());

		helene.open(onThisServer(mail.activationLink()));
		assertThat(helene.heading()).isEqualTo("Personnaliser votre espace");
		helene.step("lien-personnalisation");
		helene.click("Personnaliser mon espace");

		helene.type("Nom d'utilisateur", account.username());
		helene.type("Mot de passe", generatedPassword);
		helene.step("connexion-identifiants-fournis");
		helene.click("Se connecter");

		String username = "helene-" + unique();
		String password = "Mon-nouveau-Passe-2026";
		helene.type("Nom d'utilisateur", username);
		helene.type("Nouveau mot de passe", password);
		helene.type("Confirmation du mot de passe", password);
		helene.step("identifiants");
		helene.click("Suivant");

		assertThat(helene.field("Enfance").getAttribute("value")).isEqualTo("23456-B7J8K2");
		helene.step("services");
		// on her phone, the CGU do not fit: they must be scrolled to the bottom first
		phone(helene);
		helene.click("Suivant");
		WebElement accept = helene.field("J'accepte les conditions générales d'utilisation");
		assertThat(accept.isEnabled()).as("the box before scrolling").isFalse();
		assertThat(helene.clickable("Valider").isEnabled()).isFalse();
		WebElement terms = helene.driver().findElement(By.id("cgu-text"));
		// she scrolls with the wheel until the box can be ticked, as a person does: a
		// single wheel event once left it disabled for 10 s on a loaded machine (cause
		// not found)
		helene.await("the box enabled once the text was scrolled", () -> {
			if (!accept.isEnabled()) {
				new Actions(helene.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(terms), 0, 1000)
					.perform();
			}
			return accept.isEnabled();
		});
		helene.tick("J'accepte les conditions générales d'utilisation");
		helene.step("cgu");
		helene.click("Valider");
		desktop(helene);

		assertThat(helene.text()).contains("Votre espace est activé", username);
		helene.step("espace-active");
		helene.click("Accéder à Mon espace");
		assertCommuneSignInPage(helene, "velizy");
		helene.step("connexion-keycloak");
		signInOnKeycloak(helene, username, password);
		assertThat(helene.path()).isEqualTo("/mon-espace");
		assertThat(helene.text()).contains("Bonjour Hélène Lefèvre", username);
		assertThat(helene.field("Enfance").getAttribute("value")).isEqualTo("23456-B7J8K2");
		helene.step("mon-espace");
	}

	/**
	 * The mailed link, on this test server: links name the platform's port
	 * ({@code espace.links.port}, 8080), the test server listens on another.
	 */
	private static String onThisServer(String link) {
		return link.replaceFirst("^(http://[^/:]+):\\d+/", "$1:" + PORT + "/");
	}

	/** The suggestions the address field shows as one types. */
	private static List<WebElement> suggestions(Visitor visitor) {
		visitor.await("address suggestions shown",
				() -> !visitor.driver()
					.findElements(By.cssSelector("#adresse-propositions [role='option']"))
					.isEmpty());
		return visitor.driver().findElements(By.cssSelector("#adresse-propositions [role='option']"));
	}

	private static void phone(Visitor visitor) {
		visitor.driver()
			.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", Chromium.PHONE_WIDTH, "height", 640, "deviceScaleFactor", 1, "mobile", true));
	}

	private static void desktop(Visitor visitor) {
		visitor.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	private static String line(String text, String prefix) {
		return text.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith(prefix))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No line starting with " + prefix + " in:\n" + text))
			.substring(prefix.length())
			.strip();
	}

}
