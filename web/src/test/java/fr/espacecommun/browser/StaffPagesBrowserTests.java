package fr.espacecommun.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.tenancy.TenantStatuses;
import fr.espacecommun.tenant.TenantDefinition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff's and the operators' pages walked in a real browser, signed in through the
 * Keycloak page: each page reached by its link in the navigation, checked with axe-core
 * and photographed ({@code target/screenshots/<commune>-agent/}).
 */
class StaffPagesBrowserTests extends BrowserTest {

	@Autowired
	private RegistrationService registration;

	@Autowired
	private TenantStatuses statuses;

	@Test
	void villennesWhenStaffRefusesARequestWithoutReasonThenAskedForItAndEveryStaffPageAccessible() {
		TenantDefinition villennes = tenant("villennes");
		String unique = unique();
		String email = "hugo." + unique + "@example.org";
		String username = "hrefus" + unique;
		this.registration.submit(new RegistrationRequest(UUID.randomUUID(), villennes, "personal",
				Map.of("civility", "Monsieur", "lastName", "Refusé", "firstNames", "Hugo", "email", email), username,
				"Villennes-2026-Passe!", Map.of(), List.of(new Acceptance("cgu", villennes.terms().version(),
						villennes.terms().sha256(), Instant.now()))));
		ReceivedMail.to(email);
		Visitor agent = visitor("villennes-agent", false);

		signInAsStaff(agent, "villennes");
		agent.step("administration");
		for (String page : List.of("Journal des actions", "Usagers : données personnelles",
				"Conditions générales d'utilisation", "Politique de mot de passe", "Champs de l'inscription",
				"Importer des comptes")) {
			agent.click(page);
			assertThat(
					agent.driver().findElement(org.openqa.selenium.By.cssSelector("[aria-current='page']")).getText())
				.as("the navigation marks the page shown")
				.isEqualTo(page);
			agent.step(agent.path().substring("/admin/".length()));
		}
		// the pages reached from those: a citizen's record, the CGU versions and one
		// version
		agent.click("Usagers : données personnelles");
		agent.type("Nom, prénom, courriel ou nom d'utilisateur", username);
		agent.click("Rechercher");
		agent.step("usagers-recherche");
		agent.click(username);
		assertThat(agent.text()).contains(email);
		agent.step("usager");
		agent.click("Conditions générales d'utilisation");
		agent.click("Toutes les versions et qui les a acceptées");
		agent.step("cgu-versions");
		agent.click(villennes.terms().version());
		agent.step("cgu-version");
		agent.click("Comptes en attente");
		agent.step("comptes");

		agent.click("Refuser… le compte de Hugo Refusé (" + username + ")");
		assertThat(agent.heading()).isEqualTo("Refuser la demande de Hugo Refusé");
		agent.step("refus");
		agent.click("Refuser la demande");
		// the summary, announced and focused, links to the field; the field says why
		assertThat(agent.focused().getAttribute("id")).isEqualTo("erreurs");
		assertThat(agent.text()).contains("Le formulaire contient 1 erreur :",
				"Indiquez le motif du refus : il sera envoyé à l'usager.");
		assertThat(agent.driver().getTitle()).startsWith("Erreur : ");
		agent.step("refus-sans-motif");
		agent.clickable("Indiquez le motif du refus : il sera envoyé à l'usager.").click();
		assertThat(agent.focused().getAttribute("id")).isEqualTo("motif");
		agent.type("Motif du refus", "Votre adresse n'est pas dans la commune.");
		agent.click("Refuser la demande");
		assertThat(agent.text())
			.contains("La demande de Hugo Refusé (" + username + ") est refusée et le compte supprimé");
		agent.step("demande-refusee");
		assertThat(ReceivedMail.awaitCount(email, 2))
			.anySatisfy((mail) -> assertThat(mail.text()).contains("Votre adresse n'est pas dans la commune."));
	}

	@Test
	void velizyWhenStaffOpensServiceKeysAndImportThenPagesAccessible() {
		Visitor agent = visitor("velizy-agent", false);

		signInAsStaff(agent, "velizy");
		agent.click("Clés de service");
		assertThat(agent.heading()).isEqualTo("Registre des clés de service");
		agent.step("cles");
		agent.click("Importer des comptes");
		agent.step("import");
	}

	@Test
	void platformWhenOperatorSignsInThenCommunesListedAndPageAccessible() {
		String username = "operateur-" + unique();
		this.provisioner.ensurePlatformUser(username, username + "@platform.example.org", "Dominique", "Opérateur",
				STAFF_PASSWORD, "operator");
		Visitor operator = visitor("platform", false);

		operator.open(platformUrl("/platform"));
		operator.step("connexion-keycloak");
		signInOnKeycloak(operator, username, STAFF_PASSWORD);
		assertThat(operator.path()).isEqualTo("/platform");
		assertThat(operator.heading()).isEqualTo("Exploitation de la plateforme");
		assertThat(operator.text()).contains("Ville de Fresnes", "Ville de Vélizy-Villacoublay");
		operator.step("exploitation");
	}

	/**
	 * A file refused with a misspelt key: the operator reads, in French, where and what
	 * was meant; a commune not whole yet shows its "opening soon" page. Both accessible.
	 */
	@Test
	void platformWhenAFileIsRefusedThenOperatorReadsWhyInFrenchAndOpeningPageAccessible() throws Exception {
		Path file = tenantsFolder().resolve("coquille.yaml");
		Files.writeString(file,
				Files.readString(tenantsFolder().resolve("villennes.yaml"))
					.replace("id: villennes", "id: coquille")
					.replace("- villennes.localhost", "- coquille.localhost")
					.replace("- villennes.espace-commun.fr", "- coquille.espace-commun.fr")
						+ "portalNam: Espace Famille\n");
		try {
			String username = "operateur-" + unique();
			this.provisioner.ensurePlatformUser(username, username + "@platform.example.org", "Camille", "Opératrice",
					STAFF_PASSWORD, "operator");
			Visitor operator = visitor("platform", false);
			operator.open(platformUrl("/platform"));
			signInOnKeycloak(operator, username, STAFF_PASSWORD);
			operator.await("the refusal on /platform", () -> {
				operator.open(platformUrl("/platform"));
				return operator.text().contains("coquille.yaml");
			});
			assertThat(operator.text()).contains("Configuration refusée",
					"[schema.additionalProperties] / : la clé 'portalNam' n'existe pas à cet endroit ; "
							+ "vouliez-vous dire 'portalName' ?");
			operator.step("exploitation-refus");
		}
		finally {
			Files.deleteIfExists(file);
		}

		TenantDefinition opening = newCommuneLike("villennes");
		this.jdbc.update("update platform.tenant set status = 'PENDING', provisioned_at = null, last_plan_at = null "
				+ "where id = ?", opening.id());
		this.statuses.invalidate(opening.id());
		Visitor citizen = visitor(opening.id(), false);
		citizen.open(url(opening.id(), "/"));
		assertThat(citizen.heading()).isEqualTo("Ce service ouvre bientôt");
		assertThat(citizen.text()).contains("Réessayer");
		citizen.step("ouverture-prochaine");
	}

}
