package fr.espacecommun.admin.web;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import fr.espacecommun.settings.FieldLocks;
import fr.espacecommun.settings.SettingKind;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /admin/champs} over real HTTP: a field made required or hidden is applied by the
 * wizard at once; fields Keycloak needs cannot be changed, not even by a forged request.
 * Every test that publishes works on a fresh copy of a commune.
 */
class FieldRequirementsPageTests extends LiveServerTest {

	private static final String PATH = "/admin/champs";

	@Autowired
	private TenantSettings settings;

	@Test
	void fieldsWhenOptionalFieldMadeRequiredThenWizardRefusesTheIdentityPageWithoutIt() throws Exception {
		TenantDefinition commune = newCommuneLike("ccplm");
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> page = staff.browser().open(url(commune.id(), PATH));
		assertThat(text(page)).contains("Date de naissance", "Identité", "Moyens de contact");
		assertThat(page.body()).containsPattern("id=\"champ-birthDate-optional\"[^>]*checked");

		Map<String, String> form = currentChoices(commune, page);
		form.put("field.birthDate", "required");
		HttpResponse<String> published = staff.browser().submit(url(commune.id(), PATH), form);

		assertThat(text(published)).as(() -> Browser.describe(published))
			.contains("Champs publiés : l'assistant d'inscription les applique dès maintenant.");
		assertThat(published.body()).containsPattern("id=\"champ-birthDate\"[^>]*value=\"required\"[^>]*checked");
		Browser citizen = new Browser();
		HttpResponse<String> identity = wizardUpToIdentity(citizen, commune);
		assertThat(identity.body()).containsPattern("id=\"champ-birthDate\"[^>]*aria-required=\"true\"");
		HttpResponse<String> refused = citizen.submit(url(commune.id(), "/inscription/identity"), Map.of("_csrf",
				csrf(identity), "action", "next", "civility", "Madame", "lastName", "Aubrac", "firstNames", "Lucie"));
		assertThat(citizen.current().getPath()).isEqualTo("/inscription/identity");
		assertThat(text(refused)).contains("Le champ « Date de naissance » est obligatoire.");
		HttpResponse<String> accepted = citizen.submit(url(commune.id(), "/inscription/identity"),
				Map.of("_csrf", csrf(refused), "action", "next", "civility", "Madame", "lastName", "Aubrac",
						"firstNames", "Lucie", "birthDate", "29/06/1912"));
		assertThat(citizen.current().getPath()).as(() -> Browser.describe(accepted)).isEqualTo("/inscription/address");

		HttpResponse<String> journal = staff.browser().open(url(commune.id(), "/admin/journal"));
		assertThat(text(journal)).contains("Champs de l'inscription modifiés", staff.username(),
				"\"birthDate\":\"REQUIRED\"");
	}

	@Test
	void fieldsWhenOptionalFieldHiddenThenAbsentFromTheWizardPage() throws Exception {
		TenantDefinition commune = newCommuneLike("ccplm");
		Browser before = new Browser();
		assertThat(text(wizardUpToIdentity(before, commune))).contains("Nom de naissance");
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> page = staff.browser().open(url(commune.id(), PATH));

		Map<String, String> form = currentChoices(commune, page);
		form.put("field.birthName", "hidden");
		form.put("field.fax", "hidden");
		staff.browser().submit(url(commune.id(), PATH), form);

		assertThat(tenant(commune.id()).fields().get("birthName").requirement()).isEqualTo(Requirement.HIDDEN);
		HttpResponse<String> identity = wizardUpToIdentity(new Browser(), commune);
		assertThat(text(identity)).contains("Nom usuel", "Prénom(s)").doesNotContain("Nom de naissance");
		assertThat(identity.body()).doesNotContain("name=\"birthName\"");
	}

	@Test
	void fieldsWhenForgedRequestChangesAFieldKeycloakNeedsThenRefusedAndNothingPublished() throws Exception {
		TenantDefinition commune = newCommuneLike("ccplm");
		SignedIn staff = signInAsAdmin(commune.id());
		HttpResponse<String> page = staff.browser().open(url(commune.id(), PATH));
		assertThat(page.body()).containsPattern("id=\"champ-email\"[^>]*disabled");
		assertThat(text(page)).contains("Keycloak en a besoin pour créer chaque compte");

		Map<String, String> forged = currentChoices(commune, page);
		forged.put("field.email", "hidden");
		forged.put("field.birthDate", "required");
		HttpResponse<String> refused = staff.browser().submit(url(commune.id(), PATH), forged);

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(text(refused)).contains("« Courriel » ne peut pas être modifié : Keycloak en a besoin");
		assertThat(tenant(commune.id()).fields().get("email").requirement()).isEqualTo(Requirement.REQUIRED);
		assertThat(tenant(commune.id()).fields().get("birthDate").requirement()).isEqualTo(Requirement.OPTIONAL);
		assertThat(this.settings.history(commune.id(), SettingKind.FIELDS)).isEmpty();

		Map<String, String> unknown = currentChoices(commune, page);
		unknown.put("field.siret", "required");
		HttpResponse<String> unknownRefused = staff.browser().submit(url(commune.id(), PATH), unknown);
		assertThat(unknownRefused.statusCode()).isEqualTo(400);
		assertThat(text(unknownRefused)).contains("Le champ « siret » n'existe pas dans l'inscription de la commune.");
		assertThat(this.settings.history(commune.id(), SettingKind.FIELDS)).isEmpty();
	}

	@Test
	void fieldsWhenCitizenSignedInThenForbidden() throws Exception {
		SignedIn citizen = signInAsCitizen("villennes");

		assertThat(citizen.browser().get(url("villennes", PATH)).statusCode()).isEqualTo(403);
	}

	@Test
	void fieldsWhenAnotherCommunesStaffSessionCarriedThenUnauthorized() throws Exception {
		SignedIn staff = signInAsAdmin("ccve");
		staff.browser().carryCookies("ccve.localhost", "ccplm.localhost");

		assertThat(staff.browser().get(url("ccplm", PATH)).statusCode()).isEqualTo(401);
	}

	/** What the page posts when nothing is changed: every field staff may change. */
	private static Map<String, String> currentChoices(TenantDefinition commune, HttpResponse<String> page) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf(page));
		commune.fields().forEach((id, rule) -> {
			if (FieldLocks.lockOf(commune, id).isEmpty()) {
				form.put("field." + id, FieldRequirementsController.code(rule.requirement()));
			}
		});
		return form;
	}

	private HttpResponse<String> wizardUpToIdentity(Browser browser, TenantDefinition commune) throws Exception {
		String id = commune.id();
		HttpResponse<String> page = browser.open(url(id, "/inscription"));
		page = browser.submit(url(id, "/inscription/welcome"), Map.of("_csrf", csrf(page), "action", "next"));
		page = browser.submit(url(id, "/inscription/cgu"),
				Map.of("_csrf", csrf(page), "action", "next", "cguAccepted", "yes"));
		assertThat(browser.current().getPath()).isEqualTo("/inscription/identity");
		return page;
	}

}
