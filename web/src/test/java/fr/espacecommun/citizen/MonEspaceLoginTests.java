package fr.espacecommun.citizen;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.testsupport.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A citizen signs in to Mon espace through their commune's realm, over real HTTP, with
 * the real Keycloak: authorisation code with PKCE, and a session that stays on its own
 * host.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MonEspaceLoginTests {

	private static final int PORT = freePort();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		// the realms' redirect URIs list the local ports the platform runs on
		registry.add("espace.keycloak.web-client.local-ports[0]", () -> PORT);
	}

	@Autowired
	private RealmProvisioner provisioner;

	@Autowired
	private TenantCatalog catalog;

	@Test
	void monEspaceWhenCitizenSignsInThroughFresnesRealmThenSeesOwnProfile() throws Exception {
		this.provisioner.ensureUser(this.catalog.byId("fresnes").orElseThrow(), "camille.martin",
				"camille.martin@example.org", "Camille", "Martin", "sapin2026ok", "citizen");
		Browser browser = new Browser();

		HttpResponse<String> loginPage = browser.open(fresnes("/mon-espace"));
		assertThat(browser.current().getPath()).isEqualTo("/realms/fresnes/protocol/openid-connect/auth");
		assertThat(browser.current().getQuery()).contains("code_challenge_method=S256", "code_challenge=");
		assertThat(loginPage.statusCode()).isEqualTo(200);

		HttpResponse<String> page = browser.submit(Browser.formAction(loginPage.body()),
				Map.of("username", "camille.martin", "password", "sapin2026ok"));

		assertThat(browser.current().getHost()).as(() -> Browser.describe(page)).isEqualTo("fresnes.localhost");
		assertThat(browser.current().getPath()).isEqualTo("/mon-espace");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Mon espace", "Bonjour Camille Martin",
				"camille.martin@example.org", "Espace Famille");
	}

	@Test
	void villennesHostWhenFresnesSessionCookieThenUnauthorized() throws Exception {
		this.provisioner.ensureUser(this.catalog.byId("fresnes").orElseThrow(), "lea.bernard",
				"lea.bernard@example.org", "Léa", "Bernard", "chene2026ok", "citizen");
		Browser browser = new Browser();
		HttpResponse<String> loginPage = browser.open(fresnes("/mon-espace"));
		browser.submit(Browser.formAction(loginPage.body()),
				Map.of("username", "lea.bernard", "password", "chene2026ok"));
		assertThat(browser.current().getPath()).isEqualTo("/mon-espace");

		// a browser keeps the session cookie on its host: Villennes sees nobody signed in
		HttpResponse<String> fresh = browser.get("http://villennes.localhost:" + PORT + "/mon-espace");
		assertThat(fresh.statusCode()).isEqualTo(302);
		assertThat(fresh.body()).doesNotContain("Bernard");

		// and a session cookie carried there by hand is refused
		browser.carryCookies("fresnes.localhost", "villennes.localhost");
		HttpResponse<String> other = browser.get("http://villennes.localhost:" + PORT + "/mon-espace");

		assertThat(other.statusCode()).isEqualTo(401);
		assertThat(other.body()).doesNotContain("Bernard");
	}

	@Test
	void authorizationWhenAnotherCommunesRealmOnFresnesHostThenNeverRedirectedToIt() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> response = browser.get(fresnes("/oauth2/authorization/villennes"));
		assertThat(response.statusCode()).isNotEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("/realms/villennes");
	}

	@Test
	void monEspaceWhenNotSignedInThenSentToOwnRealmOnly() throws Exception {
		Browser browser = new Browser();
		browser.open("http://ccplm.localhost:" + PORT + "/mon-espace");
		assertThat(browser.current().getPath()).isEqualTo("/realms/ccplm/protocol/openid-connect/auth");
	}

	private static String fresnes(String path) {
		return "http://fresnes.localhost:" + PORT + path;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
