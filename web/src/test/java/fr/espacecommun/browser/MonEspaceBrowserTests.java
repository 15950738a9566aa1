package fr.espacecommun.browser;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.tenant.TenantDefinition;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Mon espace in a real browser, for what only a browser shows. */
class MonEspaceBrowserTests extends BrowserTest {

	@Autowired
	private CitizenRecords records;

	@Test
	void passwordChangeWhenTypingThenEachRuleShownMetOrNotAsInTheWizardAndTheNewPasswordWorks() {
		TenantDefinition fresnes = tenant("fresnes");
		String username = "usager" + unique();
		String email = username + "@example.fr";
		String userId = this.provisioner.ensureUser(fresnes, username, email, "Paul", "Martin", "depart2026x",
				"citizen");
		this.records.saveAcceptance(fresnes, userId,
				new Acceptance("cgu", fresnes.terms().version(), fresnes.terms().sha256(), Instant.now()));
		Visitor paul = visitor("fresnes-mon-espace", true);
		paul.open(url("fresnes", "/mon-espace"));
		signInOnKeycloak(paul, username, "depart2026x");
		assertThat(paul.path()).isEqualTo("/mon-espace");

		WebElement rules = this.driver.findElement(By.cssSelector("[data-password-rules]"));
		assertThat(rules.isDisplayed()).isTrue();
		assertThat(ruleStates()).containsExactly(Map.entry("au minimum 8 caractère(s)", false),
				Map.entry("au moins 1 minuscule(s)", false), Map.entry("au moins 1 chiffre(s)", false),
				Map.entry("différent du nom d'utilisateur", false),
				Map.entry("différent de l'adresse de courriel", false));
		WebElement password = paul.field("Nouveau mot de passe");
		password.sendKeys("ab");
		assertThat(ruleStates()).containsEntry("au moins 1 minuscule(s)", true)
			.containsEntry("au minimum 8 caractère(s)", false)
			.containsEntry("au moins 1 chiffre(s)", false);
		assertThat(rules.getAttribute("textContent").replaceAll("\\s+", " ")).as("said in words, not by colour")
			.contains("au moins 1 minuscule(s) : respectée", "au minimum 8 caractère(s) : non respectée");
		password.clear();
		password.sendKeys(username.toUpperCase(java.util.Locale.ROOT));
		assertThat(ruleStates()).containsEntry("différent du nom d'utilisateur", false);
		password.clear();
		password.sendKeys("printemps2027");
		assertThat(ruleStates()).doesNotContainValue(false);
		paul.await("all rules met said",
				() -> rules.findElement(By.cssSelector("[role='status']"))
					.getAttribute("textContent")
					.equals("Toutes les règles du mot de passe sont respectées."));
		paul.type("Confirmation du mot de passe", "printemps2027");
		paul.step("mot-de-passe-regles-respectees");

		paul.click("Changer mon mot de passe");
		assertThat(paul.text()).contains("Votre mot de passe a été changé.");
		paul.step("mot-de-passe-change");
	}

	/** Each rule shown, and whether it is marked met. */
	private Map<String, Boolean> ruleStates() {
		Map<String, Boolean> states = new LinkedHashMap<>();
		for (WebElement rule : this.driver.findElements(By.cssSelector("[data-password-rules] [data-rule]"))) {
			String label = rule.findElement(By.cssSelector("span:not([aria-hidden]):not([data-rule-state])")).getText();
			states.put(label, "true".equals(rule.getAttribute("data-met")));
		}
		return states;
	}

}
