package fr.espacecommun.admin.web;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.settings.SettingKind;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /admin/mot-de-passe} over real HTTP: a published policy is applied by the
 * commune's Keycloak realm and by the wizard at once, typed values are checked in French
 * and kept, and the policy is rated against the CNIL's recommendation before and after
 * publishing. Every test that publishes works on a fresh copy of a commune.
 */
class PasswordPolicyPageTests extends LiveServerTest {

	private static final String PATH = "/admin/mot-de-passe";

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private TenantSettings settings;

	@Test
	void passwordPolicyWhenRaisedThenKeycloakAndTheWizardRefuseAPasswordThatWasValidBefore() throws Exception {
		TenantDefinition commune = newCommuneLike("ccplm");
		// valid under CCPLM's policy (8 characters, lower case, upper case, digit): the
		// realm accepts it
		String userId = this.provisioner.ensureUser(commune, "jean.moulin", "jean.moulin@example.org", "Jean", "Moulin",
				"Soleil2026", "citizen");
		Browser citizen = wizardUpToCredentials(commune);
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> form = staff.browser().open(url(commune.id(), PATH));
		assertThat(form.body()).contains("id=\"champ-minLength\"", "value=\"8\"");

		HttpResponse<String> published = staff.browser()
			.submit(url(commune.id(), PATH), policy(form, "12", "64", "1", "1", "1", "1", true, true, "publish"));

		assertThat(text(published)).as(() -> Browser.describe(published))
			.contains("Politique publiée : Keycloak et l'assistant d'inscription l'appliquent dès maintenant.",
					"Le mot de passe doit contenir au minimum 12 caractère(s) et au maximum 64 caractère(s) dont au moins : "
							+ "1 minuscule(s), 1 majuscule(s), 1 chiffre(s), 1 caractère(s) spécial(aux)");
		var realm = this.clusters.forTenant(commune).realm(commune.realm());
		assertThat(realm.toRepresentation().getPasswordPolicy()).contains("length(12)", "specialChars(1)",
				"maxLength(64)");
		assertThatThrownBy(() -> realm.users().get(userId).resetPassword(password("Soleil2026")))
			.isInstanceOf(BadRequestException.class);
		realm.users().get(userId).resetPassword(password("Soleil-2026-Fort"));

		HttpResponse<String> credentials = citizen.open(url(commune.id(), "/inscription/credentials"));
		assertThat(text(credentials)).contains("Le mot de passe doit contenir au minimum 12 caractère(s)");
		HttpResponse<String> refused = citizen.submit(url(commune.id(), "/inscription/credentials"),
				Map.of("_csrf", csrf(credentials), "action", "next", "username", "jmoulin", "password", "Soleil2026",
						"passwordConfirmation", "Soleil2026"));
		assertThat(text(refused)).contains(
				"Le mot de passe ne respecte pas ces règles : au minimum 12 caractère(s), 1 caractère(s) spécial(aux).");

		HttpResponse<String> journal = staff.browser().open(url(commune.id(), "/admin/journal"));
		assertThat(text(journal)).contains("Politique de mot de passe modifiée", staff.username(), "\"minLength\":12");
	}

	@Test
	void passwordPolicyWhenValuesAreWrongThenFrenchErrorsNextToEachFieldInputKeptAndNothingPublished()
			throws Exception {
		TenantDefinition commune = newCommuneLike("fresnes");
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> form = staff.browser().open(url(commune.id(), PATH));

		HttpResponse<String> refused = staff.browser()
			.submit(url(commune.id(), PATH), policy(form, "7", "douze", "", "1", "1", "0", true, false, "publish"));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(text(refused)).contains("Le formulaire contient 3 erreur(s) :",
				"La longueur minimale doit être d'au moins 8 caractères",
				"« Longueur maximale » doit être un nombre entier écrit en chiffres, par exemple 12.",
				"Indiquez un nombre dans « Minuscules ».");
		assertThat(refused.body()).contains("href=\"#champ-minLength\"", "id=\"champ-minLength-erreur\"",
				"aria-invalid=\"true\"", "value=\"7\"", "value=\"douze\"");
		assertThat(refused.body()).containsPattern("id=\"champ-notUsername\"[^>]*checked")
			.doesNotContainPattern("id=\"champ-notEmail\"[^>]*checked");

		HttpResponse<String> maxBelowMin = staff.browser()
			.submit(url(commune.id(), PATH), policy(refused, "10", "9", "1", "0", "1", "0", true, true, "publish"));
		assertThat(text(maxBelowMin))
			.contains("La longueur maximale doit être au moins égale à la longueur minimale (10 caractères).");
		assertThat(maxBelowMin.body()).contains("value=\"9\"");

		HttpResponse<String> countsTooMany = staff.browser()
			.submit(url(commune.id(), PATH), policy(refused, "8", "64", "3", "3", "3", "0", true, true, "publish"));
		assertThat(text(countsTooMany)).contains("Les minimums par catégorie totalisent 9 caractères, plus que la "
				+ "longueur minimale (8) : augmentez la longueur minimale ou baissez ces minimums.");

		assertThat(this.settings.history(commune.id(), SettingKind.PASSWORD_POLICY)).isEmpty();
		assertThat(tenant(commune.id()).passwordPolicy()).isEqualTo(commune.passwordPolicy());
	}

	@Test
	void cnilVerdictWhenWeakPolicyThenAlertAndConfirmationAskedAndWhenStrongThenConforming() throws Exception {
		TenantDefinition commune = newCommuneLike("fresnes");
		RealmRepresentation realm = this.clusters.forTenant(commune).realm(commune.realm()).toRepresentation();
		assertThat(realm.isBruteForceProtected()).isTrue();
		assertThat(realm.getFailureFactor()).isEqualTo(5);
		SignedIn staff = signInAsAdmin(commune.id());

		// Fresnes: 8 characters, a lower-case letter and a digit
		HttpResponse<String> page = staff.browser().open(url(commune.id(), PATH));
		assertThat(page.body()).containsPattern("id=\"cnil-appliquee\"[^>]*role=\"alert\"");
		assertThat(text(page)).contains(
				"Attention : en dessous de la recommandation de la CNIL. 41 bits d'entropie seulement, alors qu'il en faut au moins 50",
				"le mot de passe le plus faible que cette politique accepte compte 8 caractères tirés de 36 possibles "
						+ "(minuscules : 26, chiffres : 10) ; son entropie vaut 8 × log2(36) ≈ 41,4 bits.",
				"Keycloak bloque temporairement un compte après 5 échecs de connexion",
				"50 bits : une longueur minimale de 10 caractères avec les catégories imposées aujourd'hui",
				"80 bits : une longueur minimale de 16 caractères",
				"Je confirme publier cette politique, bien qu'elle soit en dessous de la recommandation de la CNIL.");

		HttpResponse<String> checked = staff.browser()
			.submit(url(commune.id(), PATH), policy(page, "14", "64", "1", "1", "1", "0", true, true, "check"));
		assertThat(text(checked)).contains("Politique saisie, pas encore publiée",
				"Conforme à la recommandation de la CNIL, même pour un mot de passe seul : 83 bits d'entropie, pour 80 demandés.");
		assertThat(this.settings.history(commune.id(), SettingKind.PASSWORD_POLICY)).isEmpty();

		HttpResponse<String> unconfirmed = staff.browser()
			.submit(url(commune.id(), PATH), policy(page, "9", "64", "1", "0", "1", "0", true, true, "publish"));
		assertThat(unconfirmed.statusCode()).isEqualTo(400);
		assertThat(text(unconfirmed)).contains("pour la publier quand même, cochez la case de confirmation",
				"47 bits d'entropie seulement");
		assertThat(this.settings.history(commune.id(), SettingKind.PASSWORD_POLICY)).isEmpty();

		Map<String, String> confirmed = policy(unconfirmed, "9", "64", "1", "0", "1", "0", true, true, "publish");
		confirmed.put("confirmWeak", "yes");
		HttpResponse<String> weak = staff.browser().submit(url(commune.id(), PATH), confirmed);
		assertThat(text(weak)).contains("Politique publiée",
				"Attention : en dessous de la recommandation de la CNIL. 47 bits d'entropie seulement");
		assertThat(tenant(commune.id()).passwordPolicy()).isEqualTo(new PasswordPolicy(9, 64, 1, 0, 1, 0, true, true));

		HttpResponse<String> strong = staff.browser()
			.submit(url(commune.id(), PATH), policy(weak, "10", "64", "1", "1", "0", "1", true, true, "publish"));
		assertThat(text(strong)).as(() -> Browser.describe(strong))
			.contains("Politique publiée",
					"Conforme à la recommandation de la CNIL grâce au blocage temporaire des comptes : 65 bits d'entropie, "
							+ "pour 50 demandés avec ce blocage (80 sans).",
					"80 bits : une longueur minimale de 13 caractères")
			.doesNotContain("Attention : en dessous");
		assertThat(strong.body()).doesNotContainPattern("id=\"cnil-appliquee\"[^>]*role=\"alert\"");
		assertThat(this.settings.history(commune.id(), SettingKind.PASSWORD_POLICY)).hasSize(2);
	}

	@Test
	void passwordPolicyWhenCitizenSignedInThenForbidden() throws Exception {
		SignedIn citizen = signInAsCitizen("ccplm");

		assertThat(citizen.browser().get(url("ccplm", PATH)).statusCode()).isEqualTo(403);
	}

	@Test
	void passwordPolicyWhenAnotherCommunesStaffSessionCarriedThenUnauthorized() throws Exception {
		SignedIn staff = signInAsAdmin("fresnes");
		staff.browser().carryCookies("fresnes.localhost", "villennes.localhost");

		assertThat(staff.browser().get(url("villennes", PATH)).statusCode()).isEqualTo(401);
	}

	/** A citizen's browser that walked the commune's wizard up to its last page. */
	private Browser wizardUpToCredentials(TenantDefinition commune) throws Exception {
		Browser browser = new Browser();
		String id = commune.id();
		HttpResponse<String> page = browser.open(url(id, "/inscription"));
		page = browser.submit(url(id, "/inscription/welcome"), Map.of("_csrf", csrf(page), "action", "next"));
		page = browser.submit(url(id, "/inscription/cgu"),
				Map.of("_csrf", csrf(page), "action", "next", "cguAccepted", "yes"));
		page = browser.submit(url(id, "/inscription/identity"), Map.of("_csrf", csrf(page), "action", "next",
				"civility", "Monsieur", "lastName", "Moulin", "firstNames", "Jean"));
		page = browser.submit(url(id, "/inscription/address"), Map.of("_csrf", csrf(page), "action", "next"));
		page = browser.submit(url(id, "/inscription/contact"),
				Map.of("_csrf", csrf(page), "action", "next", "email", "jean.moulin.wizard@example.org"));
		assertThat(browser.current().getPath()).as(Browser.describe(page)).isEqualTo("/inscription/credentials");
		return browser;
	}

	private static Map<String, String> policy(HttpResponse<String> page, String minLength, String maxLength,
			String lowercase, String uppercase, String digits, String specials, boolean notUsername, boolean notEmail,
			String action) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf(page));
		form.put("minLength", minLength);
		form.put("maxLength", maxLength);
		form.put("minLowercase", lowercase);
		form.put("minUppercase", uppercase);
		form.put("minDigits", digits);
		form.put("minSpecialChars", specials);
		if (notUsername) {
			form.put("notUsername", "yes");
		}
		if (notEmail) {
			form.put("notEmail", "yes");
		}
		form.put("action", action);
		return form;
	}

	private static CredentialRepresentation password(String value) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(value);
		credential.setTemporary(false);
		return credential;
	}

}
