package fr.espacecommun.wizard.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.activation.internal.BusinessCalendar;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static fr.espacecommun.wizard.web.Citizen.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each self-registering commune's wizard walked over HTTP as its guide shows, with every
 * real part behind it: the account in the commune's Keycloak realm, the profile and
 * proofs in its schema, the mail caught by the SMTP catcher, and the activation its rule
 * asks for. (Vélizy's pre-provisioned path is walked in ActivationPagesTests.)
 */
@SpringBootTest
@AutoConfigureMockMvc
class WizardEndToEndTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private CitizenRecords records;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void fresnesWhenGuideWalkedThenDisabledAccountMailAndLinkActivatesIt() throws Exception {
		TenantDefinition fresnes = tenant("fresnes");
		String suffix = suffix();
		String email = "marie.curie." + suffix + "@example.fr";
		String username = "mcurie" + suffix;
		Citizen citizen = new Citizen(this.mvc, "fresnes");
		citizen.fillFresnesUpToCredentials(email);
		citizen.post("/inscription/credentials",
				form("action", "next", "username", username, "password", "soleil2026x", "passwordConfirmation",
						"soleil2026x", "serviceKey.enfance", "23456-B7J8K2", "captcha",
						captchaTarget("fresnes", citizen.draftId())));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		assertThat(citizen.get("/inscription/confirmation")).contains("Votre espace a bien été créé.",
				"Pour activer votre espace, merci de suivre les instructions de ce message.");

		UserRepresentation user = user(fresnes, username);
		assertThat(user.isEnabled()).isFalse();
		assertThat(user.getEmail()).isEqualTo(email);
		assertThat(user.getFirstName()).isEqualTo("Marie");
		assertThat(user.getLastName()).isEqualTo("Curie");
		assertThat(user.getAttributes().get("registrationId")).containsExactly(citizen.draftId());
		assertThat(roles(fresnes, user)).contains("citizen");
		assertThat(this.records.profile(fresnes, user.getId()).orElseThrow()).containsEntry("civility", "Madame")
			.containsEntry("building", "A")
			.containsEntry("phone", "01 49 84 56 56");
		assertThat(this.records.acceptances(fresnes, user.getId())).singleElement()
			.satisfies((proof) -> assertThat(proof.sha256()).isEqualTo(fresnes.terms().sha256()));
		assertThat(this.records.serviceKeys(fresnes, user.getId())).containsKey("enfance");

		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.fromAddress()).isEqualTo(fresnes.contact().mailFrom());
		assertThat(mail.subject()).contains("Espace Famille");
		assertThat(mail.text()).contains("Bonjour Marie Curie", username);
		String token = mail.activationToken();
		Citizen fromMail = new Citizen(this.mvc, "fresnes");
		assertThat(fromMail.get("/activation/" + token)).contains("Activer mon espace");
		assertThat(user(fresnes, username).isEnabled()).as("a GET never activates").isFalse();
		assertThat(fromMail.post("/activation/" + token, form())).contains("Votre espace est activé");
		assertThat(user(fresnes, username).isEnabled()).isTrue();
	}

	@Test
	void ccplmWhenGuideWalkedThenDisabledAccountAndActivationMail() throws Exception {
		TenantDefinition ccplm = tenant("ccplm");
		String suffix = suffix();
		String email = "marc.boyet." + suffix + "@example.fr";
		String username = "mboyet" + suffix;
		Citizen citizen = new Citizen(this.mvc, "ccplm");
		citizen.get("/inscription");
		citizen.post("/inscription/welcome", form("action", "next"));
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Monsieur", "lastName", "BOYET", "firstNames", "Marc", "birthDate",
						"01/05/1975", "birthCountry", "FRANCE", "birthDepartment", "95", "birthCity", "Pontoise"));
		citizen.post("/inscription/address", form("action", "next", "streetNumber", "15", "streetName",
				"Rue de la Mairie", "postalCode", "11150", "city", "Bram", "country", "France"));
		citizen.post("/inscription/contact", form("action", "next", "email", email));
		citizen.get("/inscription/credentials");
		citizen.post("/inscription/credentials", form("action", "next", "username", username, "password", "Soleil2026",
				"passwordConfirmation", "Soleil2026", "captcha", captchaTarget("ccplm", citizen.draftId())));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");

		UserRepresentation user = user(ccplm, username);
		assertThat(user.isEnabled()).isFalse();
		assertThat(this.records.profile(ccplm, user.getId()).orElseThrow()).containsEntry("city", "Bram")
			.containsEntry("birth_city", "Pontoise");
		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.subject()).contains("Espace Citoyens");
		assertThat(mail.activationLink()).startsWith("http://ccplm.localhost:8080/activation/");
	}

	@Test
	void villennesWhenGuideWalkedThenAccountAwaitsStaffWithDeadlineIn48BusinessHours() throws Exception {
		TenantDefinition villennes = tenant("villennes");
		String suffix = suffix();
		String email = "n.langlois." + suffix + "@example.fr";
		String username = "nlanglois" + suffix;
		Citizen citizen = new Citizen(this.mvc, "villennes");
		citizen.get("/inscription");
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Langlois", "firstNames", "Nadia"));
		citizen.post("/inscription/address", form("action", "next"));
		citizen.post("/inscription/contact",
				form("action", "next", "mobile", "06 12 34 56 78", "email", email, "preferredContact", "mobile"));
		citizen.post("/inscription/credentials", form("action", "next", "username", username, "password",
				"Soleil-2026-Fort", "passwordConfirmation", "Soleil-2026-Fort"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		String page = citizen.get("/inscription/confirmation");

		UserRepresentation user = user(villennes, username);
		assertThat(user.isEnabled()).isFalse();
		Map<String, Object> registration = this.jdbc.queryForMap(
				"select state, deadline, created_at from t_villennes.registration where registration_id = ?",
				UUID.fromString(citizen.draftId()));
		assertThat(registration.get("state")).isEqualTo("AWAITING_APPROVAL");
		Instant created = ((java.sql.Timestamp) registration.get("created_at")).toInstant();
		Instant deadline = ((java.sql.Timestamp) registration.get("deadline")).toInstant();
		Instant expected = new BusinessCalendar().addBusinessHours(created, 48);
		assertThat(java.time.Duration.between(expected, deadline).abs()).isLessThan(java.time.Duration.ofMinutes(1));
		assertThat(page).contains("Elle sera effective au plus tard le");
		assertThat(ReceivedMail.to(email).text()).contains("Elle sera effective au plus tard le", username);
	}

	@Test
	void ccveWhenGuideWalkedThenActiveAtOnceWithTheEmailAsUsername() throws Exception {
		TenantDefinition ccve = tenant("ccve");
		String email = "dsi." + suffix() + "@ccvalessonne.com";
		Citizen citizen = new Citizen(this.mvc, "ccve");
		citizen.get("/inscription");
		citizen.post("/inscription/account-type", form("action", "next", "accountType", "personal"));
		citizen.post("/inscription/consent", form("action", "next", "consent", "accept"));
		citizen.post("/inscription/welcome", form("action", "next"));
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Monsieur", "lastName", "Groupe Fictif", "firstNames", "Test"));
		citizen.post("/inscription/address", form("action", "next"));
		citizen.post("/inscription/contact", form("action", "next", "phone", "01 64 93 21 20", "email", email));
		citizen.get("/inscription/credentials");
		citizen.post("/inscription/credentials",
				form("action", "next", "password", "Soleil-2026-Fort", "passwordConfirmation", "Soleil-2026-Fort"));
		assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
		assertThat(citizen.get("/inscription/confirmation"))
			.contains("Votre espace a bien été activé pour le nom d'utilisateur : " + email);

		UserRepresentation user = user(ccve, email);
		assertThat(user.isEnabled()).isTrue();
		assertThat(this.records.acceptances(ccve, user.getId()))
			.extracting(fr.espacecommun.registration.RegistrationService.Acceptance::kind)
			.containsExactlyInAnyOrder("consent", "cgu");
		assertThat(ReceivedMail.to(email).text()).contains("Votre espace a bien été activé");
	}

	private TenantDefinition tenant(String id) {
		return this.catalog.byId(id).orElseThrow();
	}

	private UserRepresentation user(TenantDefinition tenant, String username) {
		return new RealmUsers(this.clusters).user(tenant, username);
	}

	private List<String> roles(TenantDefinition tenant, UserRepresentation user) {
		return new RealmUsers(this.clusters).realmRoles(tenant, user);
	}

	private String captchaTarget(String tenant, String draftId) {
		String json = this.jdbc.queryForObject(
				"select security_challenge from t_" + tenant + ".wizard_draft where id = ?", String.class,
				UUID.fromString(draftId));
		JsonNode challenge = JsonMapper.builder().build().readTree(json);
		return challenge.get("target").asString();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
