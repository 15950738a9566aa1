package fr.espacecommun.admin.web;

import java.net.http.HttpResponse;

import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff pages open to the commune's own admins only, operators' pages to operators only
 * on the platform host; all signed in through the real realms.
 */
class StaffPagesSecurityTests extends LiveServerTest {

	@Test
	void adminWhenFresnesStaffSignsInThenSeesFresnesAdministration() throws Exception {
		SignedIn staff = signInAsAdmin("fresnes");

		assertThat(staff.browser().current().getHost()).as(() -> Browser.describe(staff.landing()))
			.isEqualTo("fresnes.localhost");
		assertThat(staff.browser().current().getPath()).isEqualTo("/admin");
		assertThat(staff.landing().statusCode()).isEqualTo(200);
		assertThat(text(staff.landing())).contains("Administration", "Bonjour " + staff.username(), "Ville de Fresnes",
				"Journal des actions");
	}

	@Test
	void adminWhenNotSignedInThenSentToOwnRealm() throws Exception {
		Browser browser = new Browser();
		browser.open(url("villennes", "/admin/journal"));
		assertThat(browser.current().getPath()).isEqualTo("/realms/villennes/protocol/openid-connect/auth");
	}

	@Test
	void adminWhenCitizenSignedInThenForbiddenInFrench() throws Exception {
		SignedIn citizen = signInAsCitizen("ccplm");
		HttpResponse<String> page = citizen.browser().get(url("ccplm", "/admin"));

		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(text(page)).contains("Accès refusé", "Votre compte ne donne pas accès à cette page");
	}

	@Test
	void villennesAdminWhenFresnesStaffSessionCarriedThenUnauthorized() throws Exception {
		SignedIn staff = signInAsAdmin("fresnes");
		staff.browser().carryCookies("fresnes.localhost", "villennes.localhost");

		HttpResponse<String> page = staff.browser().get(url("villennes", "/admin"));

		assertThat(page.statusCode()).isEqualTo(401);
		assertThat(page.body()).doesNotContain("Administration");
		// the 401 page says what happened and how to go on
		assertThat(text(page))
			.contains("<title>Connexion nécessaire", "Connectez-vous puis recommencez", "Se connecter")
			.doesNotContain("Demande incorrecte");
	}

	@Test
	void platformWhenOperatorSignsInThenSeesEveryCommuneAndNoCitizenData() throws Exception {
		SignedIn operator = signInAsOperator();

		assertThat(operator.browser().current().getHost()).as(() -> Browser.describe(operator.landing()))
			.isEqualTo("platform.localhost");
		assertThat(operator.browser().current().getPath()).isEqualTo("/platform");
		assertThat(text(operator.landing())).contains("Exploitation de la plateforme", "(fresnes)", "(velizy)",
				"(villennes)", "(ccve)", "(ccplm)", "En service");
	}

	@Test
	void platformWhenCommuneAdminOnTheirOwnHostThenNoSuchPage() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		HttpResponse<String> page = staff.browser().get(url("velizy", "/platform"));

		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).doesNotContain("Exploitation de la plateforme");
	}

	@Test
	void adminWhenOperatorSessionCarriedToCommuneHostThenUnauthorized() throws Exception {
		SignedIn operator = signInAsOperator();
		operator.browser().carryCookies("platform.localhost", "ccve.localhost");

		HttpResponse<String> page = operator.browser().get(url("ccve", "/admin"));

		assertThat(page.statusCode()).isEqualTo(401);
	}

	@Test
	void adminFormWhenPostedWithoutCsrfTokenThenRefused() throws Exception {
		SignedIn staff = signInAsAdmin("ccve");
		HttpResponse<String> page = staff.browser().submit(url("ccve", "/deconnexion"), java.util.Map.of());

		assertThat(page.statusCode()).isEqualTo(403);
	}

}
