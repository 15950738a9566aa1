package fr.espacecommun.browser;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.testsupport.RealmUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the wizard behaves for a person in a real browser: completed with the keyboard
 * alone, errors announced with the focus on them, the password rules shown as one types,
 * a double click on Valider sending once, and the address search with and without
 * JavaScript. Every page recorded is checked with axe-core.
 */
class WizardInteractionBrowserTests extends BrowserTest {

	private static final List<String> NUMBERS = List.of("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept",
			"huit", "neuf");

	@Autowired
	private KeycloakClusters clusters;

	@Test
	void fresnesWizardWhenCompletedWithTheKeyboardAloneThenAccountCreatedAndMailed() {
		String suffix = unique();
		String email = "clavier." + suffix + "@example.fr";
		String username = "clavier" + suffix;
		Visitor keyboard = visitor("fresnes-clavier", false);

		keyboard.open(url("fresnes", "/"));
		keyboard.tabToControl("Créer mon espace");
		keyboard.pressToLeave(Keys.ENTER);
		keyboard.step("bienvenue");
		keyboard.tabToControl("Je crée mon espace");
		keyboard.pressToLeave(Keys.ENTER);

		// the CGU text is reached with Tab too (it scrolls with the arrows), then the box
		keyboard.tabTo("cgu-texte");
		keyboard.tabTo("champ-cguAccepted");
		keyboard.press(Keys.SPACE);
		assertThat(keyboard.focused().isSelected()).isTrue();
		keyboard.tabToControl("Suivant");
		keyboard.pressToLeave(Keys.ENTER);

		keyboard.tabTo("champ-civility");
		keyboard.press(Keys.ARROW_DOWN);
		assertThat(keyboard.focused().getAttribute("value")).isEqualTo("Madame");
		keyboard.tabTo("champ-lastName");
		keyboard.press("Clavier");
		keyboard.tabTo("champ-firstNames");
		keyboard.press("Camille");
		keyboard.tabToControl("Suivant");
		keyboard.pressToLeave(Keys.ENTER);

		// the suggestions are chosen with the arrows and Enter
		keyboard.tabTo("champ-addressSearch");
		keyboard.press("8 bd du port");
		keyboard.await("address suggestions shown",
				() -> !this.driver.findElements(By.cssSelector("#adresse-propositions [role='option']")).isEmpty());
		keyboard.press(Keys.ESCAPE);
		assertThat(keyboard.focused().getAttribute("aria-expanded")).isEqualTo("false");
		// Down Arrow opens the list again on its first suggestion
		keyboard.press(Keys.ARROW_DOWN);
		assertThat(keyboard.focused().getAttribute("aria-expanded")).isEqualTo("true");
		assertThat(keyboard.focused().getAttribute("aria-activedescendant")).isEqualTo("adresse-proposition-0");
		keyboard.press(Keys.ENTER);
		assertThat(keyboard.focused().getAttribute("value")).isEqualTo("8 Boulevard du Port 80000 Amiens");
		keyboard.tabToControl("Suivant");
		keyboard.pressToLeave(Keys.ENTER);

		keyboard.tabTo("champ-email");
		keyboard.press(email);
		keyboard.tabToControl("Suivant");
		keyboard.pressToLeave(Keys.ENTER);

		keyboard.tabTo("champ-username");
		keyboard.press(username);
		keyboard.tabTo("champ-password");
		keyboard.press("soleil2026x");
		keyboard.tabTo("champ-passwordConfirmation");
		keyboard.press("soleil2026x");
		// the security check's alternative for those who cannot see the pictures
		keyboard.tabTo("champ-captchaAnswer");
		String question = this.driver.findElement(By.cssSelector("label[for='champ-captchaAnswer']")).getText();
		keyboard.press(Integer.toString(sum(question)));
		keyboard.step("authentification");
		keyboard.tabToControl("Valider");
		keyboard.pressToLeave(Keys.ENTER);

		assertThat(keyboard.path()).isEqualTo("/inscription/confirmation");
		assertThat(keyboard.text()).contains("Votre espace a bien été créé.");
		assertThat(ReceivedMail.to(email).text()).contains("Bonjour Camille Clavier", username);
	}

	@Test
	void identityPageWhenSentIncompleteThenFocusOnTheAnnouncedSummaryLinkingToEachFieldAndInputKept() {
		Visitor visitor = visitor("fresnes-erreurs", false);
		toIdentity(visitor);
		visitor.type("Nom usuel", "Curie");
		visitor.click("Suivant");

		WebElement summary = this.driver.findElement(By.id("erreurs"));
		assertThat(visitor.focused()).as("focus on the error summary").isEqualTo(summary);
		assertThat(summary.getAttribute("role")).isEqualTo("alert");
		assertThat(this.driver.getTitle()).startsWith("Erreur – Identité");
		assertThat(summary.findElements(By.tagName("a"))).extracting(WebElement::getText)
			.containsExactly("Le champ « Civilité » est obligatoire.", "Le champ « Prénom(s) » est obligatoire.");
		// each message also next to its field, tied to it, the field marked invalid
		WebElement firstNames = visitor.field("Prénom(s)");
		assertThat(firstNames.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(firstNames.getAttribute("aria-describedby")).contains("champ-firstNames-erreur");
		assertThat(this.driver.findElement(By.id("champ-firstNames-erreur")).getText())
			.isEqualTo("Le champ « Prénom(s) » est obligatoire.");
		assertThat(visitor.field("Nom usuel").getAttribute("value")).as("input kept").isEqualTo("Curie");
		visitor.step("identite-erreurs");

		// the summary's first link takes the keyboard to the first field in error
		visitor.press(Keys.TAB);
		assertThat(visitor.focused().getText()).isEqualTo("Le champ « Civilité » est obligatoire.");
		visitor.press(Keys.ENTER);
		visitor.await("focus on the field in error",
				() -> "champ-civility".equals(visitor.focused().getAttribute("id")));
	}

	@Test
	void passwordFieldWhenTypingThenEachRuleOfTheCommuneShownMetOrNotAndSummarySaid() {
		Visitor visitor = visitor("fresnes-mot-de-passe", false);
		toCredentials(visitor, "fresnes", "regles." + unique() + "@example.fr");
		visitor.type("Identifiant d'utilisateur", "pierre2026x");
		WebElement rules = this.driver.findElement(By.cssSelector("[data-password-rules]"));
		assertThat(rules.isDisplayed()).isTrue();
		assertThat(ruleStates()).containsExactly(Map.entry("au minimum 8 caractère(s)", false),
				Map.entry("au moins 1 minuscule(s)", false), Map.entry("au moins 1 chiffre(s)", false),
				Map.entry("différent du nom d'utilisateur", false),
				Map.entry("différent de l'adresse de courriel", false));

		WebElement password = visitor.field("Mot de passe");
		password.sendKeys("ab");
		assertThat(ruleStates()).containsEntry("au moins 1 minuscule(s)", true)
			.containsEntry("au minimum 8 caractère(s)", false)
			.containsEntry("au moins 1 chiffre(s)", false);
		assertThat(rules.getAttribute("textContent").replaceAll("\\s+", " ")).as("said in words, not by colour")
			.contains("au moins 1 minuscule(s) : respectée", "au minimum 8 caractère(s) : non respectée");
		visitor.await("summary said after a pause",
				() -> status(rules).startsWith("Règles du mot de passe respectées"));
		assertThat(status(rules)).contains("Il manque : au minimum 8 caractère(s), au moins 1 chiffre(s)");

		password.sendKeys("cdef12");
		assertThat(ruleStates()).doesNotContainValue(false);
		visitor.await("all rules met said",
				() -> status(rules).equals("Toutes les règles du mot de passe sont respectées."));
		visitor.step("regles-respectees");

		password.clear();
		password.sendKeys("PIERRE2026x");
		assertThat(ruleStates()).containsEntry("différent du nom d'utilisateur", false)
			.containsEntry("au minimum 8 caractère(s)", true);
	}

	@Test
	void validerWhenDoubleClickedThenSentOnceAndOneRegistrationOnly() {
		String email = "double." + unique() + "@example.fr";
		Visitor visitor = visitor("villennes-double-clic", false);
		toCredentials(visitor, "villennes", email);
		visitor.type("Identifiant", "double" + unique());
		visitor.type("Mot de passe", "Soleil-2026-Fort");
		visitor.type("Confirmation du mot de passe", "Soleil-2026-Fort");
		Chromium.networkLog(this.driver);

		WebElement valider = visitor.clickable("Valider");
		new Actions(this.driver).doubleClick(valider).perform();
		visitor.await("confirmation page", () -> visitor.path().equals("/inscription/confirmation"));

		assertThat(posts(Chromium.networkLog(this.driver), "/inscription/credentials")).as("requests sent")
			.isEqualTo(1);
		assertThat(visitor.text()).contains("Votre espace a bien été créé.");
		String draft = this.driver.manage().getCookieNamed("espace_inscription").getValue();
		assertThat(this.jdbc.queryForObject("select count(*) from t_villennes.registration where registration_id = ?",
				Integer.class, UUID.fromString(draft)))
			.isEqualTo(1);
		assertThat(new RealmUsers(this.clusters).realm(tenant("villennes")).users().searchByEmail(email, true))
			.hasSize(1);
		assertThat(ReceivedMail.awaitCount(email, 1)).hasSize(1);
	}

	@Test
	void addressSearchWhenJavaScriptIsOffThenTheServerSuggestsAndTheChoiceIsKept() {
		Visitor visitor = visitor("fresnes-sans-javascript", false);
		visitor.withoutJavaScript();
		toIdentity(visitor);
		visitor.choose("Civilité", "Monsieur");
		visitor.type("Nom usuel", "Sans Script");
		visitor.type("Prénom(s)", "Paul");
		visitor.click("Suivant");

		visitor.type("Adresse complète", "8 bd du port");
		visitor.click("Rechercher");
		assertThat(this.driver.findElements(By.cssSelector("#adresse-propositions [role='option']")))
			.as("no script ran")
			.isEmpty();
		assertThat(visitor.text()).contains("Adresses trouvées : choisissez la vôtre");
		WebElement first = visitor.field("8 Boulevard du Port 80000 Amiens");
		assertThat(first.isSelected()).isTrue();
		visitor.tick("8 bis Boulevard du Port 95000 Cergy");
		visitor.step("adresse-sans-javascript");
		visitor.click("Suivant");

		assertThat(visitor.text()).contains("Moyens de contact");
		visitor.click("Précédent");
		assertThat(visitor.field("Adresse complète").getAttribute("value"))
			.isEqualTo("8 bis Boulevard du Port 95000 Cergy");
	}

	/** Home page → wizard → the identity step (Fresnes). */
	private void toIdentity(Visitor visitor) {
		visitor.open(url("fresnes", "/"));
		visitor.click("Créer mon espace");
		visitor.click("Je crée mon espace");
		visitor.tick("J'accepte les conditions générales d'utilisation");
		visitor.click("Suivant");
	}

	/** Walks the wizard to its credentials page, by the shortest valid path. */
	private void toCredentials(Visitor visitor, String commune, String email) {
		visitor.open(url(commune, "/inscription"));
		if (visitor.text().contains("Je crée mon espace")) {
			visitor.click("Je crée mon espace");
		}
		visitor.tick("J'accepte les conditions générales d'utilisation");
		visitor.click("Suivant");
		visitor.choose("Civilité", "Madame");
		visitor.type("Nom usuel", "Règles");
		visitor.type("Prénom(s)", "Irène");
		visitor.click("Suivant");
		visitor.click("Suivant");
		visitor.type("Courriel", email);
		visitor.click("Suivant");
		assertThat(visitor.text()).contains("Authentification");
	}

	/** Each rule shown, and whether it is marked met. */
	private Map<String, Boolean> ruleStates() {
		Map<String, Boolean> states = new java.util.LinkedHashMap<>();
		for (WebElement rule : this.driver.findElements(By.cssSelector("[data-password-rules] [data-rule]"))) {
			String label = rule.findElement(By.cssSelector("span:not([aria-hidden]):not([data-rule-state])")).getText();
			states.put(label, "true".equals(rule.getAttribute("data-met")));
		}
		return states;
	}

	private static String status(WebElement rules) {
		return rules.findElement(By.cssSelector("[role='status']")).getAttribute("textContent");
	}

	/** "combien font trois plus quatre ?" → 7. */
	private static int sum(String question) {
		String[] words = question.replaceAll(".*combien font ", "").replaceAll(" \\?.*", "").split(" plus ");
		return NUMBERS.indexOf(words[0].strip()) + NUMBERS.indexOf(words[1].strip());
	}

	private static long posts(List<LogEntry> log, String path) {
		JsonMapper json = JsonMapper.builder().build();
		return log.stream().map((entry) -> json.readTree(entry.getMessage()).path("message")).filter((message) -> {
			JsonNode request = message.path("params").path("request");
			return "Network.requestWillBeSent".equals(message.path("method").asString())
					&& "POST".equals(request.path("method").asString())
					&& request.path("url").asString().endsWith(path);
		}).count();
	}

}
