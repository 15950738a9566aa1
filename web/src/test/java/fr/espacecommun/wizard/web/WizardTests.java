package fr.espacecommun.wizard.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;

import fr.espacecommun.address.AddressSearch;
import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.identity.PasswordRules.PasswordCheck;
import fr.espacecommun.identity.PasswordRules.Rule;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.registration.RegistrationService.EmailTakenException;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.terms.TermsRenderer;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardPage;
import fr.espacecommun.wizard.internal.WizardEngine;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

import static fr.espacecommun.wizard.web.Citizen.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Each self-registration commune's wizard walked over HTTP as its guide shows it. The
 * registration service, address search, CGU renderer and password rules are built by
 * other parts of the platform: here they are stood in for, the drafts are real
 * (PostgreSQL, the commune's schema).
 */
@SpringBootTest
@AutoConfigureMockMvc
class WizardTests {

	private static final String PASSWORD_FRESNES = "soleil2026x";

	private static final String PASSWORD_STRONG = "Soleil-2026-Fort";

	/** Tuesday 1 December 2026, 18:30 in Paris. */
	private static final Instant DEADLINE = Instant.parse("2026-12-01T17:30:00Z");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private WizardEngine engine;

	@MockitoBean
	private RegistrationService registration;

	@MockitoBean
	private AddressSearch addresses;

	@MockitoBean
	private TermsRenderer terms;

	private MockedStatic<PasswordRules> passwordRules;

	@BeforeEach
	void standIns() {
		when(this.registration.isUsernameAvailable(any(), anyString())).thenReturn(true);
		when(this.registration.submit(any())).thenAnswer((invocation) -> outcomeFor(invocation.getArgument(0)));
		when(this.terms.toSafeHtml(anyString())).thenAnswer(
				(invocation) -> "<div class=\"cgu\">" + HtmlUtils.htmlEscape(invocation.getArgument(0)) + "</div>");
		when(this.addresses.search(anyString(), anyInt()))
			.thenReturn(List.of(new AddressSuggestion("1 Place Pierre et Marie Curie 94260 Fresnes", "1",
					"Place Pierre et Marie Curie", "94260", "Fresnes", "94034")));
		this.passwordRules = Mockito.mockStatic(PasswordRules.class, (invocation) -> {
			PasswordPolicy policy = invocation.getArgument(0);
			if (invocation.getMethod().getName().equals("wording")) {
				return wording(policy);
			}
			return check(policy, invocation.getArgument(1));
		});
	}

	@AfterEach
	void closeStandIns() {
		this.passwordRules.close();
	}

	// ---------------------------------------------------------------- Fresnes

	@Test
	void fresnesWhenWalkingTheGuideThenItsStepsTitlesAndLabelsAndAnEmailConfirmation() throws Exception {
		Citizen citizen = new Citizen(this.mvc, "fresnes");
		citizen.get("/inscription");
		assertThat(citizen.redirect()).isEqualTo("/inscription/welcome");
		String page = citizen.get("/inscription/welcome");
		assertThat(page).contains("Création d'un espace personnel", "Bonjour et bienvenue", "Je crée mon espace",
				"aria-current=\"step\"", "Bienvenue", "CGU", "Identité", "Adresse", "Moyens de contact",
				"Authentification");
		assertThat(stepsInProgressBar(page)).containsExactly("Bienvenue", "CGU", "Identité", "Adresse",
				"Moyens de contact", "Authentification");

		citizen.post("/inscription/welcome", form("action", "next"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/cgu");
		page = citizen.get("/inscription/cgu");
		assertThat(page).contains("CONDITIONS GÉNÉRALES D'UTILISATION",
				"J'accepte les conditions générales d'utilisation", "class=\"terms\"",
				"Pour utiliser les services proposés");

		page = citizen.post("/inscription/cgu", form("action", "next"));
		assertThat(page).contains("Vous devez accepter les conditions générales d'utilisation pour continuer.",
				"href=\"#champ-cguAccepted\"");
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/identity");

		page = citizen.get("/inscription/identity");
		assertThat(page).contains("Civilité", "Nom usuel", "Prénom(s)").doesNotContain("Nom de naissance");
		page = citizen.post("/inscription/identity", form("action", "next", "civility", "Madame", "lastName", "Curie"));
		assertThat(page).contains("Le champ « Prénom(s) » est obligatoire.", "id=\"champ-firstNames-erreur\"",
				"aria-describedby=\"champ-firstNames-erreur\"", "aria-invalid=\"true\"", "value=\"Curie\"",
				"href=\"#champ-firstNames\"", "data-error-summary");
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Curie", "firstNames", "Marie"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/address");

		page = citizen.get("/inscription/address");
		assertThat(page).contains("Adresse complète", "Bâtiment", "Appartement", "Complément", "role=\"combobox\"",
				"/js/wizard.js");
		citizen.post("/inscription/address", form("action", "next", "addressSearch",
				"1 place Pierre et Marie Curie 94260 Fresnes", "building", "A"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/contact");

		page = citizen.get("/inscription/contact");
		assertThat(page).contains("Téléphone", "Mobile", "Courriel", "Moyen de contact préféré").doesNotContain("Fax");
		page = citizen.post("/inscription/contact",
				form("action", "next", "phone", "12 34", "email", "marie.curie@example.fr"));
		assertThat(page).contains("Le champ « Téléphone » doit contenir un numéro de téléphone français",
				"value=\"12 34\"", "value=\"marie.curie@example.fr\"");
		citizen.post("/inscription/contact", form("action", "next", "phone", "01 49 84 56 56", "mobile",
				"+33 6 12 34 56 78", "email", "marie.curie@example.fr", "preferredContact", "courriel"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/credentials");

		page = citizen.get("/inscription/credentials");
		assertThat(page).contains("Authentification", "Identifiant d'utilisateur", "Mot de passe",
				"Le mot de passe doit contenir au minimum 8 caractère(s) dont au moins : 1 minuscule(s), 1 chiffre(s)",
				"Confirmation du mot de passe", "Services", "Enfance", "Contrôle de sécurité", "Cliquez sur le pied",
				"Valider")
			.doesNotContain("Suivant");
		assertThat(page).doesNotContain(">pied<", "pied.svg", "\"pied\"");
		citizen.post("/inscription/credentials",
				form("action", "next", "username", "mcurie", "password", PASSWORD_FRESNES, "passwordConfirmation",
						PASSWORD_FRESNES, "serviceKey.enfance", "23456-b7j8k2", "captcha",
						captchaTarget("fresnes", citizen.draftId())));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		page = citizen.get("/inscription/confirmation");
		assertThat(page).contains("Confirmation de création de votre espace", "Votre espace a bien été créé.",
				"Vous allez recevoir un message de confirmation par courriel à l'adresse que vous avez indiquée.",
				"Pour activer votre espace, merci de suivre les instructions de ce message.");

		ArgumentCaptor<RegistrationRequest> request = ArgumentCaptor.forClass(RegistrationRequest.class);
		verify(this.registration).submit(request.capture());
		RegistrationRequest sent = request.getValue();
		assertThat(sent.registrationId()).isEqualTo(UUID.fromString(citizen.draftId()));
		assertThat(sent.username()).isEqualTo("mcurie");
		assertThat(sent.password()).isEqualTo(PASSWORD_FRESNES);
		assertThat(sent.accountType()).isEqualTo("personal");
		assertThat(sent.fields()).containsEntry("lastName", "Curie")
			.containsEntry("firstNames", "Marie")
			.containsEntry("civility", "Madame")
			.containsEntry("email", "marie.curie@example.fr")
			.containsEntry("building", "A")
			.containsEntry("preferredContact", "courriel");
		assertThat(sent.serviceKeys()).containsEntry("enfance", "23456-B7J8K2");
		TenantDefinition fresnes = this.catalog.byId("fresnes").orElseThrow();
		assertThat(sent.acceptances()).singleElement().satisfies((acceptance) -> {
			assertThat(acceptance.kind()).isEqualTo("cgu");
			assertThat(acceptance.version()).isEqualTo(fresnes.terms().version());
			assertThat(acceptance.sha256()).isEqualTo(fresnes.terms().sha256());
		});
		assertThat(draftColumns("fresnes", citizen.draftId())).noneMatch((value) -> value.contains(PASSWORD_FRESNES));
	}

	// ---------------------------------------------------------------- CCPLM

	@Test
	void ccplmWhenWalkingTheGuideThenStreetFieldsPencilCheckAndEmailConfirmation() throws Exception {
		Citizen citizen = new Citizen(this.mvc, "ccplm");
		citizen.get("/inscription");
		assertThat(citizen.redirect()).isEqualTo("/inscription/welcome");
		citizen.post("/inscription/welcome", form("action", "next"));
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		String page = citizen.get("/inscription/identity");
		assertThat(page).contains("Les informations obligatoires sont précédées d'un astérisque.", "Nom usuel",
				"Nom de naissance", "Date de naissance", "Pays de naissance", "Département de naissance",
				"Commune de naissance");
		page = citizen.post("/inscription/identity", form("action", "next", "civility", "Monsieur", "lastName", "BOYET",
				"firstNames", "Marc", "birthDate", "01/05/2075", "birthDepartment", "95"));
		assertThat(page).contains("Le champ « Date de naissance » doit contenir une date passée");
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Monsieur", "lastName", "BOYET", "firstNames", "Marc", "birthDate",
						"01/05/1975", "birthCountry", "FRANCE", "birthDepartment", "95", "birthCity", "Pontoise"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/address");
		page = citizen.get("/inscription/address");
		assertThat(page).contains("Rechercher une rue", "Numéro", "Nom de la voie", "Code postal", "Ville", "Pays");
		page = citizen.post("/inscription/address", form("action", "next", "streetNumber", "15", "streetName",
				"Rue de la Mairie", "postalCode", "1130", "city", "Bram"));
		assertThat(page).contains("Le champ « Code postal » doit contenir un code postal français à 5 chiffres");
		citizen.post("/inscription/address", form("action", "next", "streetNumber", "15", "streetName",
				"Rue de la Mairie", "postalCode", "11150", "city", "Bram", "country", "France"));
		page = citizen.get("/inscription/contact");
		assertThat(page).contains("Téléphone", "Mobile", "Fax", "Courriel");
		citizen.post("/inscription/contact", form("action", "next", "email", "marc.boyet@example.fr"));
		page = citizen.get("/inscription/credentials");
		assertThat(page).contains("Nom d'utilisateur", "1 majuscule(s)", "Cliquez sur le crayon", "Enfance");
		page = citizen.post("/inscription/credentials",
				form("action", "next", "username", "mboyet", "password", "soleil2026", "passwordConfirmation",
						"soleil2026", "captcha", captchaTarget("ccplm", citizen.draftId())));
		assertThat(page)
			.contains("Le mot de passe ne respecte pas ces règles : 1 majuscule(s).", "id=\"champ-password-erreur\"",
					"value=\"mboyet\"", "Contrôle de sécurité réussi.")
			.doesNotContain("soleil2026");
		citizen.post("/inscription/credentials", form("action", "next", "username", "mboyet", "password", "Soleil2026",
				"passwordConfirmation", "Soleil2026"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		// CCPLM's own words (its file's confirmation intro), not another commune's
		assertThat(citizen.get("/inscription/confirmation")).contains("Confirmation de création de votre espace",
				"Un courriel de confirmation de création et d'activation de votre espace personnel vous sera adressé.")
			.doesNotContain("Vous allez recevoir un message de confirmation par courriel");
		ArgumentCaptor<RegistrationRequest> request = ArgumentCaptor.forClass(RegistrationRequest.class);
		verify(this.registration).submit(request.capture());
		assertThat(request.getValue().fields()).containsEntry("birthDate", "1975-05-01")
			.containsEntry("postalCode", "11150")
			.containsEntry("streetName", "Rue de la Mairie");
	}

	// ---------------------------------------------------------------- Villennes

	@Test
	void villennesWhenWalkingTheGuideThenManualApprovalDeadlineInFrench() throws Exception {
		Citizen citizen = new Citizen(this.mvc, "villennes");
		citizen.get("/inscription");
		assertThat(citizen.redirect()).isEqualTo("/inscription/cgu");
		String page = citizen.get("/inscription/cgu");
		assertThat(stepsInProgressBar(page)).containsExactly("CGU", "Identité", "Adresse", "Moyens de contact",
				"Authentification");
		// Villennes has no text of its own yet (terms.commonModel): the page says so
		assertThat(page).contains("Ces conditions sont le modèle commun de la plateforme Espace Commun");
		assertThat(new Citizen(this.mvc, "fresnes").get("/inscription/cgu")).doesNotContain("modèle commun");
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Langlois", "firstNames", "Nadia"));
		citizen.post("/inscription/address", form("action", "next"));
		page = citizen.get("/inscription/contact");
		assertThat(page).contains("Mobile", "Fax", "Courriel").doesNotContain("Téléphone</span>");
		page = citizen.post("/inscription/contact",
				form("action", "next", "email", "n.langlois@example", "preferredContact", "mobile"));
		assertThat(page).contains("Le champ « Courriel » doit contenir une adresse de courriel valide",
				"Renseignez le champ « Mobile » pour être contacté de cette façon.");
		citizen.post("/inscription/contact", form("action", "next", "mobile", "06 12 34 56 78", "email",
				"n.langlois@example.fr", "preferredContact", "mobile"));
		page = citizen.get("/inscription/credentials");
		assertThat(page).contains("Identifiant", "Valider").doesNotContain("Cliquez sur");
		citizen.post("/inscription/credentials", form("action", "next", "username", "nlanglois", "password",
				PASSWORD_STRONG, "passwordConfirmation", PASSWORD_STRONG));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		page = citizen.get("/inscription/confirmation");
		assertThat(page).contains("Votre espace a bien été créé.",
				"L'activation de votre compte par nos services est nécessaire avant toute inscription de vos enfants ;"
						+ " elle sera effective dans les 48 heures ouvrées.",
				"Elle sera effective au plus tard le mardi 1er décembre 2026 à 18 h 30.");
	}

	// ---------------------------------------------------------------- CCVE

	@Test
	void ccveWhenCompanyWithBadSiretThenRefusedAndValidOneAcceptedThenActiveAtOnce() throws Exception {
		Citizen citizen = new Citizen(this.mvc, "ccve");
		citizen.get("/inscription");
		assertThat(citizen.redirect()).isEqualTo("/inscription/account-type");
		String page = citizen.get("/inscription/account-type");
		assertThat(page).contains("COMPTE PERSONNEL", "COMPTE ASSOCIATION", "COMPTE ENTREPRISE",
				"Vous n'avez pas encore de compte Val Essonne Connect ? Enregistrez-vous !");
		assertThat(stepsInProgressBar(page)).containsExactly("Type de compte", "Consentement", "Bienvenue", "CGU",
				"Identité", "Adresse", "Moyens de contact", "Authentification");
		page = citizen.post("/inscription/account-type", form("action", "next"));
		assertThat(page).contains("Choisissez le type de compte à créer.");
		page = citizen.post("/inscription/account-type", form("action", "next", "accountType", "company",
				"organisationName", "Groupe Fictif", "siret", "73282932000075"));
		assertThat(page).contains("Le numéro SIRET saisi dans le champ « Numéro SIRET » n'est pas valide",
				"value=\"73282932000075\"", "value=\"Groupe Fictif\"");
		citizen.post("/inscription/account-type", form("action", "next", "accountType", "company", "organisationName",
				"Groupe Fictif", "siret", "732 829 320 00074"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/consent");
		page = citizen.get("/inscription/consent");
		assertThat(page).contains("Consentement au traitement des données personnelles", "ACCEPTER");
		citizen.post("/inscription/consent", form("action", "next", "consent", "accept"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/welcome");
		Map<String, Object> proof = this.jdbc.queryForMap(
				"select consent_version, consent_sha256, consent_accepted_at from t_ccve.wizard_draft where id = ?",
				UUID.fromString(citizen.draftId()));
		assertThat(proof.get("consent_version")).isEqualTo("2022-10");
		assertThat((String) proof.get("consent_sha256")).hasSize(64);
		assertThat(proof.get("consent_accepted_at")).isNotNull();
		citizen.post("/inscription/welcome", form("action", "next"));
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Monsieur", "lastName", "GROUPE FICTIF", "firstNames", "Test"));
		citizen.post("/inscription/address", form("action", "next", "addressSearch", "Parvis des Communautés"));
		citizen.post("/inscription/contact",
				form("action", "next", "email", "dsi@ccvalessonne.com", "preferredContact", "courriel"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/credentials");
		page = citizen.get("/inscription/credentials");
		assertThat(page).contains("Votre nom d'utilisateur sera votre adresse de courriel : dsi@ccvalessonne.com",
				"Clé d'authentification", "Valider");
		citizen.post("/inscription/credentials", form("action", "next", "password", PASSWORD_STRONG,
				"passwordConfirmation", PASSWORD_STRONG, "serviceKey.enfance", ""));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		assertThat(citizen.get("/inscription/confirmation")).contains("Confirmation d'activation de l'espace",
				"Votre espace a bien été activé pour le nom d'utilisateur : dsi@ccvalessonne.com.",
				"Vous avez désormais accès à toutes les fonctionnalités de l'Espace Citoyens.");
		ArgumentCaptor<RegistrationRequest> request = ArgumentCaptor.forClass(RegistrationRequest.class);
		verify(this.registration).submit(request.capture());
		assertThat(request.getValue().accountType()).isEqualTo("company");
		assertThat(request.getValue().username()).isEqualTo("dsi@ccvalessonne.com");
		assertThat(request.getValue().fields()).containsEntry("siret", "73282932000074")
			.containsEntry("organisationName", "Groupe Fictif");
		assertThat(request.getValue().acceptances()).extracting(RegistrationService.Acceptance::kind)
			.containsExactlyInAnyOrder("cgu", "consent");
	}

	@Test
	void ccveWhenEmailAlreadyHasAnAccountThenErrorOnTheEmailField() throws Exception {
		when(this.registration.isUsernameAvailable(any(), eq("deja@example.fr"))).thenReturn(false);
		Citizen citizen = ccveUpToContact();
		String page = citizen.post("/inscription/contact", form("action", "next", "email", "deja@example.fr"));
		assertThat(page).contains("Un espace existe déjà avec l'adresse de courriel deja@example.fr.",
				"id=\"champ-email-erreur\"");
	}

	@Test
	void ccveWhenCompanyChosenWithoutSiretThenCancelledThenSubmittedThenRefusedOnTheAccountTypePage() throws Exception {
		Citizen citizen = ccveUpToContact();
		citizen.post("/inscription/contact", form("action", "next", "email", "jean.test@example.fr"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/credentials");
		// back to the account-type page: a company without SIRET is refused there...
		String page = citizen.post("/inscription/account-type",
				form("action", "next", "accountType", "company", "organisationName", "Groupe Fictif", "siret", ""));
		assertThat(page).contains("Le champ « Numéro SIRET » est obligatoire.");
		// ...so the citizen presses Annuler instead, keeps the draft, and submits from
		// the
		// last page
		citizen.post("/inscription/account-type",
				form("action", "cancel", "accountType", "company", "organisationName", "Groupe Fictif", "siret", ""));
		assertThat(citizen.redirect()).isEqualTo("/inscription/annuler");
		page = citizen.post("/inscription/credentials",
				form("action", "next", "password", PASSWORD_STRONG, "passwordConfirmation", PASSWORD_STRONG));
		assertThat(page).contains("Type de compte", "Le champ « Numéro SIRET » est obligatoire.",
				"value=\"Groupe Fictif\"", "href=\"#champ-siret\"");
		verify(this.registration, times(0)).submit(any());

		// the way forward: the SIRET on the account-type page, then VALIDER again
		citizen.post("/inscription/account-type", form("action", "next", "accountType", "company", "organisationName",
				"Groupe Fictif", "siret", "732 829 320 00074"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/consent");
		citizen.post("/inscription/credentials",
				form("action", "next", "password", PASSWORD_STRONG, "passwordConfirmation", PASSWORD_STRONG));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		ArgumentCaptor<RegistrationRequest> request = ArgumentCaptor.forClass(RegistrationRequest.class);
		verify(this.registration).submit(request.capture());
		assertThat(request.getValue().accountType()).isEqualTo("company");
		assertThat(request.getValue().fields()).containsEntry("siret", "73282932000074")
			.containsEntry("organisationName", "Groupe Fictif");
	}

	@Test
	void ccveWhenAccountTypeTheCommuneDoesNotOfferIsSentThenNeverKeptAndAStoredOneIsRefusedAtSubmission()
			throws Exception {
		Citizen citizen = ccveUpToContact();
		citizen.post("/inscription/contact", form("action", "next", "email", "jean.test@example.fr"));
		citizen.post("/inscription/account-type", form("action", "cancel", "accountType", "etranger"));
		assertThat(this.jdbc.queryForObject("select account_type from t_ccve.wizard_draft where id = ?", String.class,
				UUID.fromString(citizen.draftId())))
			.isEqualTo("personal");

		// a draft holding a type the commune does not offer (or no longer offers) is not
		// submitted: the account-type page asks for one
		this.jdbc.update("update t_ccve.wizard_draft set account_type = 'etranger' where id = ?",
				UUID.fromString(citizen.draftId()));
		String page = citizen.post("/inscription/credentials",
				form("action", "next", "password", PASSWORD_STRONG, "passwordConfirmation", PASSWORD_STRONG));
		assertThat(page).contains("Choisissez le type de compte à créer.", "COMPTE ENTREPRISE");
		verify(this.registration, times(0)).submit(any());
	}

	@Test
	void ccveWhenAccountTypePageShownThenEachFieldSaysWhichAccountTypesAskForIt() throws Exception {
		String page = new Citizen(this.mvc, "ccve").get("/inscription/account-type");
		assertThat(page).contains("Selon le type de compte choisi",
				"Demandé pour : COMPTE ASSOCIATION (obligatoire), COMPTE ENTREPRISE (obligatoire).",
				"Demandé pour : COMPTE ENTREPRISE (obligatoire). 14 chiffres.",
				"Demandé pour : COMPTE ASSOCIATION (facultatif). W suivi de 9 chiffres.");
	}

	// ---------------------------------------------------------------- Behaviour shared
	// by all

	@Test
	void previousWhenFieldsTypedThenKeptUncheckedAndShownAgain() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/identity");
		citizen.post("/inscription/identity", form("action", "previous", "lastName", "Curie", "firstNames", ""));
		assertThat(citizen.redirect()).isEqualTo("/inscription/cgu");
		String page = citizen.get("/inscription/identity");
		assertThat(page).contains("value=\"Curie\"").doesNotContain("est obligatoire");
	}

	@Test
	void cancelWhenConfirmedThenDraftDeletedAndOtherwiseKept() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/identity");
		citizen.post("/inscription/identity", form("action", "cancel", "lastName", "Curie"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/annuler");
		assertThat(citizen.get("/inscription/annuler")).contains("Abandonner la création de votre espace ?",
				"Non, reprendre ma saisie", "href=\"/inscription/identity\"");
		assertThat(citizen.get("/inscription/identity")).contains("value=\"Curie\"");
		String id = citizen.draftId();
		citizen.post("/inscription/annuler", form());
		assertThat(citizen.redirect()).isEqualTo("/");
		assertThat(this.jdbc.queryForObject("select count(*) from t_fresnes.wizard_draft where id = ?", Integer.class,
				UUID.fromString(id)))
			.isZero();
	}

	@Test
	void resumeWhenOnlyTheCookieOnAnotherInstanceThenDraftReadFromTheDatabase() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/identity");
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Curie", "firstNames", "Marie"));
		String stored = this.jdbc.queryForObject("select field_values from t_fresnes.wizard_draft where id = ?",
				String.class, UUID.fromString(citizen.draftId()));
		assertThat(stored).contains("\"lastName\":\"Curie\"");
		Citizen elsewhere = citizen.withOnlyTheCookie();
		elsewhere.get("/inscription");
		assertThat(elsewhere.redirect()).isEqualTo("/inscription/address");
		assertThat(elsewhere.get("/inscription/identity")).contains("value=\"Curie\"", "value=\"Marie\"");
	}

	@Test
	void draftWhenCredentialsRefusedOrAcceptedThenNoColumnHoldsThePassword() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/credentials");
		citizen.post("/inscription/credentials", form("action", "next", "username", "pasteur", "password",
				PASSWORD_FRESNES, "passwordConfirmation", PASSWORD_FRESNES, "captcha", "mauvais"));
		assertThat(citizen.response.getContentAsString()).doesNotContain(PASSWORD_FRESNES);
		assertThat(draftColumns("fresnes", citizen.draftId())).isNotEmpty()
			.noneMatch((value) -> value.contains(PASSWORD_FRESNES));
		citizen.post("/inscription/credentials", form("action", "previous", "username", "pasteur", "password",
				PASSWORD_FRESNES, "passwordConfirmation", PASSWORD_FRESNES));
		assertThat(draftColumns("fresnes", citizen.draftId())).noneMatch((value) -> value.contains(PASSWORD_FRESNES));
	}

	@Test
	void draftWhenExpiredThenRefusedWithAFrenchMessage() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/identity");
		this.jdbc.update("update t_fresnes.wizard_draft set expires_at = now() - interval '1 minute' where id = ?",
				UUID.fromString(citizen.draftId()));
		Citizen staleTab = citizen.withOnlyTheCookie();
		String page = citizen.get("/inscription/identity");
		assertThat(citizen.status()).isEqualTo(410);
		assertThat(page).contains("Votre inscription a expiré", "Recommencer");
		staleTab.post("/inscription/identity", form("action", "next", "lastName", "Curie"));
		assertThat(staleTab.status()).isEqualTo(410);
		citizen.get("/inscription");
		assertThat(citizen.redirect()).isEqualTo("/inscription/welcome");
	}

	@Test
	void securityCheckWhenWrongPictureThenRefusedWithANewChallengeAndTheOldAnswerSpent() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/credentials");
		String target = captchaTarget("fresnes", citizen.draftId());
		String wrong = captchaChoices("fresnes", citizen.draftId()).stream()
			.filter((token) -> !token.equals(target))
			.findFirst()
			.orElseThrow();
		String page = citizen.post("/inscription/credentials", form("action", "next", "username", "pasteur", "password",
				PASSWORD_FRESNES, "passwordConfirmation", PASSWORD_FRESNES, "captcha", wrong));
		assertThat(page).contains(
				"La réponse au contrôle de sécurité est incorrecte. Un nouveau contrôle vous est proposé.",
				"href=\"#champ-captcha-0\"");
		assertThat(captchaTarget("fresnes", citizen.draftId())).isNotEqualTo(target);
		page = citizen.post("/inscription/credentials", form("action", "next", "username", "pasteur", "password",
				PASSWORD_FRESNES, "passwordConfirmation", PASSWORD_FRESNES, "captcha", target));
		assertThat(page).contains("La réponse au contrôle de sécurité est incorrecte.");
		verify(this.registration, times(0)).submit(any());
	}

	@Test
	void securityCheckWhenTextAnswerRightThenAcceptedWithoutPictures() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/credentials");
		String page = citizen.get("/inscription/credentials");
		assertThat(page).contains(
				"Vous ne pouvez pas voir les images ? Répondez plutôt à cette question : combien font", "Image 1",
				"Image 6");
		String answer = challenge("fresnes", citizen.draftId()).get("answer").asString();
		citizen.post("/inscription/credentials", form("action", "next", "username", "pasteur", "password",
				PASSWORD_FRESNES, "passwordConfirmation", PASSWORD_FRESNES, "captchaAnswer", answer));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
	}

	@Test
	void submitWhenUsernameTakenThenFrenchErrorOnUsernameField() throws Exception {
		when(this.registration.isUsernameAvailable(any(), eq("pris"))).thenReturn(false);
		Citizen citizen = fresnesUpTo("/inscription/credentials");
		String page = citizen.post("/inscription/credentials", form("action", "next", "username", "pris", "password",
				PASSWORD_FRESNES, "passwordConfirmation", PASSWORD_FRESNES));
		assertThat(page).contains(
				"Ce nom d'utilisateur est déjà utilisé : choisissez-en un autre pour le champ « Identifiant d'utilisateur ».",
				"id=\"champ-username-erreur\"", "value=\"pris\"");

		Mockito.doThrow(new UsernameTakenException("libre")).when(this.registration).submit(any());
		page = citizen.post("/inscription/credentials",
				form("action", "next", "username", "libre", "password", PASSWORD_FRESNES, "passwordConfirmation",
						PASSWORD_FRESNES, "captcha", captchaTarget("fresnes", citizen.draftId())));
		assertThat(page).contains("Ce nom d'utilisateur est déjà utilisé", "id=\"champ-username-erreur\"",
				"aria-invalid=\"true\"");
	}

	@Test
	void submitWhenKeycloakSaysTheEmailIsTakenThenFrenchErrorOnTheEmailFieldOfTheContactPage() throws Exception {
		Mockito.doThrow(new EmailTakenException("marie.curie@example.fr")).when(this.registration).submit(any());
		Citizen citizen = fresnesUpTo("/inscription/credentials");
		String page = citizen.post("/inscription/credentials",
				form("action", "next", "username", "mcurie", "password", PASSWORD_FRESNES, "passwordConfirmation",
						PASSWORD_FRESNES, "captcha", captchaTarget("fresnes", citizen.draftId())));
		assertThat(page).contains("Un espace existe déjà avec l'adresse de courriel marie.curie@example.fr.",
				"id=\"champ-email-erreur\"", "value=\"marie.curie@example.fr\"");
	}

	@Test
	void submitWhenIdentityUnavailableThenFrenchPageDraftKeptAndRetryWorks() throws Exception {
		Mockito.doThrow(new IdentityUnavailableException("Keycloak down", new RuntimeException()))
			.when(this.registration)
			.submit(any());
		Citizen citizen = fresnesUpTo("/inscription/credentials");
		String page = citizen.post("/inscription/credentials",
				form("action", "next", "username", "pasteur", "password", PASSWORD_FRESNES, "passwordConfirmation",
						PASSWORD_FRESNES, "captcha", captchaTarget("fresnes", citizen.draftId())));
		assertThat(citizen.status()).isEqualTo(503);
		assertThat(page).contains("Service momentanément indisponible", "Réessayer");
		assertThat(draftColumns("fresnes", citizen.draftId())).noneMatch((value) -> value.contains(PASSWORD_FRESNES));

		Mockito.reset(this.registration);
		when(this.registration.isUsernameAvailable(any(), anyString())).thenReturn(true);
		when(this.registration.submit(any())).thenAnswer((invocation) -> outcomeFor(invocation.getArgument(0)));
		assertThat(citizen.get("/inscription/credentials")).contains("value=\"pasteur\"",
				"Contrôle de sécurité réussi.");
		citizen.post("/inscription/credentials", form("action", "next", "username", "pasteur", "password",
				PASSWORD_FRESNES, "passwordConfirmation", PASSWORD_FRESNES));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
	}

	@Test
	void submitWhenSentTwiceThenOneRegistrationAndTheSameConfirmation() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/credentials");
		Map<String, String> valider = form("action", "next", "username", "pasteur", "password", PASSWORD_FRESNES,
				"passwordConfirmation", PASSWORD_FRESNES, "captcha", captchaTarget("fresnes", citizen.draftId()));
		citizen.post("/inscription/credentials", valider);
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		citizen.post("/inscription/credentials", valider);
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		assertThat(citizen.get("/inscription/confirmation")).contains("Votre espace a bien été créé.");
		verify(this.registration, times(1)).submit(any());
		// the draft keeps the outcome, not the citizen's data
		assertThat(this.jdbc.queryForObject("select field_values from t_fresnes.wizard_draft where id = ?",
				String.class, UUID.fromString(citizen.draftId())))
			.doesNotContain("Curie");
	}

	@Test
	void addressWhenRechercherWithoutJavaScriptThenSuggestionsAsRadioButtonsAndChoiceFillsTheAddress()
			throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/address");
		String page = citizen.post("/inscription/address", form("action", "search", "addressSearch", "1 place curie"));
		assertThat(page).contains("Adresses trouvées", "type=\"radio\" name=\"addressChoice\"",
				"1 Place Pierre et Marie Curie 94260 Fresnes");
		citizen.post("/inscription/address",
				form("action", "next", "addressSearch", "1 place curie", "addressChoice", "0"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/contact");
		assertThat(citizen.get("/inscription/address"))
			.contains("value=\"1 Place Pierre et Marie Curie 94260 Fresnes\"");
	}

	@Test
	void fieldWhenControlCharactersOrTooLongThenRefused() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/identity");
		String page = citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Cu\u0007rie", "firstNames", "M".repeat(151)));
		assertThat(page).contains("Le champ « Nom usuel » contient des caractères non autorisés.",
				"Le champ « Prénom(s) » ne doit pas dépasser 150 caractères.");
	}

	@Test
	void velizyWhenInscriptionThenExplainsAccountsAreCreatedByTheCommune() throws Exception {
		Citizen citizen = new Citizen(this.mvc, "velizy");
		String page = citizen.get("/inscription");
		assertThat(citizen.status()).isEqualTo(200);
		assertThat(page).contains("les espaces personnels sont créés par les services de la commune",
				"lien d'activation");
		citizen.get("/inscription/credentials");
		assertThat(citizen.redirect()).isEqualTo("/inscription");
	}

	@Test
	void draftsWhenExpiredThenPurged() throws Exception {
		Citizen citizen = fresnesUpTo("/inscription/identity");
		UUID id = UUID.fromString(citizen.draftId());
		this.jdbc.update("update t_fresnes.wizard_draft set expires_at = now() - interval '1 minute' where id = ?", id);
		int purged = TenantContext.callAs("fresnes", this.engine::purgeExpired);
		assertThat(purged).isPositive();
		assertThat(
				this.jdbc.queryForObject("select count(*) from t_fresnes.wizard_draft where id = ?", Integer.class, id))
			.isZero();
	}

	@Test
	void cguWhenVelizyThenAcceptEnabledOnlyOnceScrolledWithANoJavaScriptFallback() throws Exception {
		Citizen citizen = new Citizen(this.mvc, "velizy");
		String page = citizen.get("/test/cgu");
		assertThat(citizen.status()).isEqualTo(200);
		assertThat(page).contains("data-scroll-to-accept=\"true\"", "data-scroll-gated=\"true\"", "data-scroll-hint",
				"Faites défiler le texte jusqu'en bas", "J'accepte les conditions générales d'utilisation",
				"tabindex=\"0\" role=\"region\"", "/js/wizard.js");
		// without JavaScript the checkbox is usable: nothing in the markup disables it
		assertThat(page).doesNotContain("disabled");
		assertThat(page).doesNotContain("<script>");
		String fresnes = new Citizen(this.mvc, "fresnes").get("/inscription/cgu");
		assertThat(fresnes).doesNotContain("data-scroll-gated");
	}

	/**
	 * Renders a tenant's CGU step as the wizard shows it: Vélizy has no
	 * self-registration, its CGU step comes with the personalisation path.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class CguPreviewConfiguration {

		@Bean
		CguPreview cguPreview(WizardEngine engine, WizardViews views) {
			return new CguPreview(engine, views);
		}

	}

	@Controller
	static class CguPreview {

		private final WizardEngine engine;

		private final WizardViews views;

		CguPreview(WizardEngine engine, WizardViews views) {
			this.engine = engine;
			this.views = views;
		}

		@GetMapping("/test/cgu")
		String cgu(HttpServletRequest request, Model model) {
			WizardDefinition wizard = this.engine.definition(CurrentTenant.of(request).orElseThrow());
			WizardPage page = wizard.pageOf(StepType.CGU).orElseThrow();
			this.views.fill(model, wizard, page, null, Map.of(), List.of(), List.of());
			return "wizard/page";
		}

	}

	// ---------------------------------------------------------------- helpers

	private Citizen fresnesUpTo(String path) throws Exception {
		Citizen citizen = new Citizen(this.mvc, "fresnes");
		citizen.post("/inscription/welcome", form("action", "next"));
		if (path.endsWith("/cgu")) {
			return citizen;
		}
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		if (path.endsWith("/identity")) {
			return citizen;
		}
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Curie", "firstNames", "Marie"));
		if (path.endsWith("/address")) {
			return citizen;
		}
		citizen.post("/inscription/address", form("action", "next"));
		citizen.post("/inscription/contact", form("action", "next", "email", "marie.curie@example.fr"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/credentials");
		citizen.get("/inscription/credentials");
		return citizen;
	}

	private Citizen ccveUpToContact() throws Exception {
		Citizen citizen = new Citizen(this.mvc, "ccve");
		citizen.post("/inscription/account-type", form("action", "next", "accountType", "personal"));
		citizen.post("/inscription/consent", form("action", "next", "consent", "accept"));
		citizen.post("/inscription/welcome", form("action", "next"));
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Monsieur", "lastName", "Test", "firstNames", "Jean"));
		citizen.post("/inscription/address", form("action", "next"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/contact");
		return citizen;
	}

	private JsonNode challenge(String tenant, String draftId) {
		String json = this.jdbc.queryForObject(
				"select security_challenge from t_" + tenant + ".wizard_draft where id = ?", String.class,
				UUID.fromString(draftId));
		return JsonMapper.builder().build().readTree(json);
	}

	private String captchaTarget(String tenant, String draftId) {
		return challenge(tenant, draftId).get("target").asString();
	}

	private List<String> captchaChoices(String tenant, String draftId) {
		List<String> tokens = new ArrayList<>();
		challenge(tenant, draftId).get("pictures").propertyNames().forEach(tokens::add);
		return tokens;
	}

	/** Every column of the draft's row, as text. */
	private List<String> draftColumns(String tenant, String draftId) {
		Map<String, Object> row = this.jdbc.queryForMap("select * from t_" + tenant + ".wizard_draft where id = ?",
				UUID.fromString(draftId));
		return row.values().stream().map(String::valueOf).toList();
	}

	private static List<String> stepsInProgressBar(String page) {
		List<String> titles = new ArrayList<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern
			.compile("<span class=\"wizard-progress-title\">([^<]*)</span>")
			.matcher(page);
		while (matcher.find()) {
			titles.add(matcher.group(1));
		}
		return titles;
	}

	private static RegistrationOutcome outcomeFor(RegistrationRequest request) {
		ActivationState state = switch (request.tenant().activation().mode()) {
			case IMMEDIATE -> ActivationState.ACTIVE;
			case MANUAL_APPROVAL -> ActivationState.AWAITING_APPROVAL;
			default -> ActivationState.AWAITING_EMAIL_CONFIRMATION;
		};
		return new RegistrationOutcome(state, request.username(), request.fields().getOrDefault("email", ""),
				(state == ActivationState.AWAITING_APPROVAL) ? DEADLINE : null);
	}

	/**
	 * The tenants' rules, as PasswordRules will word them (stand-in until it is merged).
	 */
	private static String wording(PasswordPolicy policy) {
		List<String> parts = new ArrayList<>();
		if (policy.minLowercase() > 0) {
			parts.add(policy.minLowercase() + " minuscule(s)");
		}
		if (policy.minUppercase() > 0) {
			parts.add(policy.minUppercase() + " majuscule(s)");
		}
		if (policy.minDigits() > 0) {
			parts.add(policy.minDigits() + " chiffre(s)");
		}
		if (policy.minSpecialChars() > 0) {
			parts.add(policy.minSpecialChars() + " caractère(s) spécial(aux)");
		}
		return "Le mot de passe doit contenir au minimum " + policy.minLength() + " caractère(s) dont au moins : "
				+ String.join(", ", parts);
	}

	private static PasswordCheck check(PasswordPolicy policy, String password) {
		List<Rule> rules = new ArrayList<>();
		rules.add(new Rule("length", policy.minLength() + " caractère(s)", password.length() >= policy.minLength()));
		rules.add(count("lowercase", policy.minLowercase(), " minuscule(s)", password, Character::isLowerCase));
		rules.add(count("uppercase", policy.minUppercase(), " majuscule(s)", password, Character::isUpperCase));
		rules.add(count("digits", policy.minDigits(), " chiffre(s)", password, Character::isDigit));
		rules.add(count("special", policy.minSpecialChars(), " caractère(s) spécial(aux)", password,
				(c) -> !Character.isLetterOrDigit(c)));
		return new PasswordCheck(rules);
	}

	private static Rule count(String id, int min, String label, String password, IntPredicate kind) {
		return new Rule(id, min + label, password.chars().filter(kind).count() >= min);
	}

}
