package fr.espacecommun.activation.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.activation.PreProvisioning.PreProvisionedAccount;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.DirectGrant;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Activation links over HTTP, on each commune's host: Fresnes' e-mail link (confirm, then
 * activate once) and Vélizy's pre-provisioned account, personalised as its guide says.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ActivationPagesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private PreProvisioning preProvisioning;

	@Autowired
	private RegistrationService registration;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private KeycloakProperties keycloak;

	@Autowired
	private CitizenRecords records;

	@Test
	void velizyPreProvisionedAccountWhenPersonalisedThenNewCredentialsWorkAndGeneratedOnesNoLonger() throws Exception {
		TenantDefinition velizy = this.catalog.byId("velizy").orElseThrow();
		String email = "helene." + unique() + "@example.org";
		PreProvisionedAccount account = this.preProvisioning.create(velizy, "Lefèvre", "Hélène", email,
				Map.of("enfance", "23456-B7J8K2"));

		// 1. the mail from the commune, with the username, the password and the link
		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.fromAddress()).isEqualTo("nepasrepondre-velizy@espace-commun.fr");
		assertThat(mail.fromName()).isEqualTo("Vélizy-Villacoublay – Portail Famille");
		assertThat(mail.subject()).contains("Portail Famille", "Vélizy-Villacoublay");
		assertThat(mail.text()).contains("Bonjour Hélène Lefèvre",
				"pensez à noter vos nom d'utilisateur et mot de passe");
		String generatedUsername = line(mail.text(), "Nom d'utilisateur : ");
		String generatedPassword = line(mail.text(), "Mot de passe : ");
		assertThat(generatedUsername).isEqualTo(account.username()).startsWith("hlefevre");
		assertThat(mail.activationLink()).startsWith("http://velizy.localhost:8080/activation/");
		String token = mail.activationToken();
		assertThat(user(velizy, account.userId()).isEnabled()).isFalse();
		assertThat(canSignIn(velizy, generatedUsername, generatedPassword)).isFalse();

		// 2-3. the link opens "personnaliser votre espace"
		MockHttpSession session = new MockHttpSession();
		assertThat(page(get("/activation/" + token), session, 200)).contains("Personnaliser votre espace");
		// a step before signing in sends back to the sign-in
		assertThat(this.mvc.perform(inSession(get("/activation/" + token + "/identifiants").with(velizy()), session))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).endsWith("/activation/" + token + "/connexion");

		// 4. sign in with the credentials provided
		assertThat(page(post("/activation/" + token + "/connexion").param("username", generatedUsername)
			.param("password", "not-the-password"), session, 401))
			.contains("Nom d'utilisateur ou mot de passe incorrect");
		redirect(post("/activation/" + token + "/connexion").param("username", generatedUsername)
			.param("password", generatedPassword), session, "/activation/" + token + "/identifiants");

		// 5. choose one's own username and password
		String newUsername = "helene-" + unique();
		String newPassword = "Mon-nouveau-Passe-2026";
		assertThat(page(post("/activation/" + token + "/identifiants").param("username", newUsername)
			.param("password", newPassword)
			.param("confirmation", "Autre-chose-2026!"), session, 400))
			.contains("La confirmation ne correspond pas au mot de passe.");
		assertThat(page(post("/activation/" + token + "/identifiants").param("username", newUsername)
			.param("password", "court")
			.param("confirmation", "court"), session, 400))
			.contains("Le mot de passe doit contenir au minimum 12 caractère(s) dont au moins : 1 minuscule(s)");
		redirect(post("/activation/" + token + "/identifiants").param("username", newUsername)
			.param("password", newPassword)
			.param("confirmation", newPassword), session, "/activation/" + token + "/services");

		// 6. the Enfance key is already filled in, and can be edited
		String keys = page(get("/activation/" + token + "/services"), session, 200);
		assertThat(keys).contains("Enfance", "value=\"23456-B7J8K2\"", "Action sociale");
		assertThat(page(post("/activation/" + token + "/services").param("key-enfance", "2345-B7J8K2"), session, 400))
			.contains("La clé « Enfance » n'a pas le bon format : elle doit ressembler à 23456-B7J8K2.");
		redirect(post("/activation/" + token + "/services").param("key-enfance", "23456-B7J8K2")
			.param("key-action-sociale", ""), session, "/activation/" + token + "/cgu");

		// 7. last step: the CGU, accepted after scrolling (script), refused without the
		// box
		String terms = page(get("/activation/" + token + "/cgu"), session, 200);
		assertThat(terms)
			.contains("CONDITIONS GÉNÉRALES", "J'accepte les conditions générales d'utilisation", "/js/cgu-scroll.js",
					"data-scroll-to-accept=\"true\"")
			.doesNotContain("<script>");
		assertThat(user(velizy, account.userId()).isEnabled()).isFalse();
		assertThat(page(post("/activation/" + token + "/cgu"), session, 400))
			.contains("Vous devez accepter les conditions générales d'utilisation");
		assertThat(page(post("/activation/" + token + "/cgu").param("accept", "true"), session, 200))
			.contains("Votre espace est activé", newUsername, "/mon-espace");

		UserRepresentation user = user(velizy, account.userId());
		assertThat(user.isEnabled()).isTrue();
		assertThat(user.isEmailVerified()).isTrue();
		assertThat(user.getUsername()).isEqualTo(newUsername);
		assertThat(canSignIn(velizy, newUsername, newPassword)).isTrue();
		assertThat(canSignIn(velizy, generatedUsername, generatedPassword)).isFalse();
		assertThat(canSignIn(velizy, newUsername, generatedPassword)).isFalse();
		assertThat(this.records.acceptances(velizy, account.userId())).singleElement()
			.satisfies((proof) -> assertThat(proof.sha256()).isEqualTo(velizy.terms().sha256()));
		assertThat(this.records.serviceKeys(velizy, account.userId())).containsOnlyKeys("enfance");
		// the link served once
		assertThat(page(get("/activation/" + token), new MockHttpSession(), 410)).contains("déjà été utilisé");
	}

	@Test
	void fresnesEmailLinkWhenOpenedThenConfirmationPageAndOnlyTheButtonActivatesOnce() throws Exception {
		this.currentHost = "fresnes.localhost";
		TenantDefinition fresnes = this.catalog.byId("fresnes").orElseThrow();
		String email = "camille." + unique() + "@example.org";
		String username = "c" + unique();
		this.registration.submit(new RegistrationRequest(UUID.randomUUID(), fresnes, "personal",
				Map.of("civility", "Madame", "lastName", "Dupré", "firstNames", "Camille", "email", email), username,
				"Secret-passw0rd", Map.of(),
				List.of(new Acceptance("cgu", fresnes.terms().version(), fresnes.terms().sha256(), Instant.now()))));
		String token = ReceivedMail.to(email).activationToken();
		MockHttpSession session = new MockHttpSession();

		assertThat(page(get("/activation/" + token), session, 200)).contains("Activer mon espace");
		String userId = this.realm(fresnes).users().searchByUsername(username, true).get(0).getId();
		assertThat(user(fresnes, userId).isEnabled()).isFalse();

		assertThat(page(post("/activation/" + token), session, 200)).contains("Votre espace est activé", username);
		assertThat(user(fresnes, userId).isEnabled()).isTrue();
		String again = page(post("/activation/" + token), session, 410);
		assertThat(again).contains("déjà été utilisé", "Recevoir un nouveau lien");
	}

	@Test
	void activationWhenUnknownLinkThenFrenchErrorAndResendGivesANeutralAnswer() throws Exception {
		MockHttpSession session = new MockHttpSession();
		assertThat(page(get("/activation/" + "A".repeat(43)), session, 404))
			.contains("Ce lien d'activation n'est pas reconnu", "Recevoir un nouveau lien");
		assertThat(page(post("/activation/nouveau-lien").param("email", "personne@example.org"), session, 200))
			.contains("Si un espace en attente d'activation correspond à cette adresse");
	}

	private String page(MockHttpServletRequestBuilder request, MockHttpSession session, int status) throws Exception {
		MvcResult result = keep(
				this.mvc.perform(inSession(request.with(host(this.currentHost)).with(csrf()), session)).andReturn(),
				session);
		assertThat(result.getResponse().getStatus())
			.as(HtmlUtils.htmlUnescape(result.getResponse().getContentAsString(StandardCharsets.UTF_8)))
			.isEqualTo(status);
		return HtmlUtils.htmlUnescape(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	private void redirect(MockHttpServletRequestBuilder request, MockHttpSession session, String location)
			throws Exception {
		MvcResult result = keep(
				this.mvc.perform(inSession(request.with(host(this.currentHost)).with(csrf()), session)).andReturn(),
				session);
		assertThat(result.getResponse().getRedirectedUrl())
			.as(HtmlUtils.htmlUnescape(result.getResponse().getContentAsString(StandardCharsets.UTF_8)))
			.isEqualTo(location);
	}

	/**
	 * Sessions live in the database (Spring Session), named by the SESSION cookie: a
	 * browser's session is its cookie, carried from one request to the next.
	 */
	private final Map<MockHttpSession, Cookie> sessionCookies = new IdentityHashMap<>();

	private MockHttpServletRequestBuilder inSession(MockHttpServletRequestBuilder request, MockHttpSession session) {
		Cookie cookie = this.sessionCookies.get(session);
		return (cookie != null) ? request.cookie(cookie) : request;
	}

	private MvcResult keep(MvcResult result, MockHttpSession session) {
		Cookie cookie = result.getResponse().getCookie("SESSION");
		if (cookie != null) {
			this.sessionCookies.put(session, cookie);
		}
		return result;
	}

	// every request of a test goes to the commune the test is about
	private String currentHost = "velizy.localhost";

	private RequestPostProcessor velizy() {
		return host("velizy.localhost");
	}

	private static RequestPostProcessor host(String host) {
		return (request) -> {
			request.setServerName(host);
			request.setServerPort(8080);
			return request;
		};
	}

	/**
	 * Whether Keycloak gives a token for these credentials (password grant, test client).
	 */
	private boolean canSignIn(TenantDefinition tenant, String username, String password) throws Exception {
		return new DirectGrant(this.clusters, this.keycloak).passwordGrant(tenant, username, password)
			.statusCode() == 200;
	}

	private RealmResource realm(TenantDefinition tenant) {
		return this.clusters.forTenant(tenant).realm(tenant.realm());
	}

	private UserRepresentation user(TenantDefinition tenant, String id) {
		return realm(tenant).users().get(id).toRepresentation();
	}

	private static String line(String text, String prefix) {
		Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "(\\S+)").matcher(text);
		assertThat(matcher.find()).as(prefix + " in " + text).isTrue();
		return matcher.group(1);
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
