package fr.espacecommun.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookies and sessions over real HTTP: the session cookie is HttpOnly and SameSite=Lax,
 * Secure with HSTS once the request came over HTTPS through the trusted proxy, neither on
 * a local http run nor when a client not the proxy claims HTTPS; signing in through
 * Keycloak gives a new session id (no fixation); the wizard and Mon espace forms refuse a
 * POST without CSRF token.
 */
class SessionAndHeadersTests extends LiveServerTest {

	private static final List<String> SESSION_COOKIES = List.of("SESSION");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Autowired
	private CitizenRecords records;

	@Test
	void sessionCookieWhenLocalHttpThenHttpOnlySameSiteLaxNotSecureAndNoHsts() throws Exception {
		HttpResponse<String> answer = send("fresnes.localhost", "/mon-espace", Map.of());

		String cookie = sessionCookie(answer);
		assertThat(cookie).containsIgnoringCase("HttpOnly")
			.containsIgnoringCase("SameSite=Lax")
			.doesNotContainIgnoringCase("Secure");
		assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void sessionCookieWhenHttpsThroughTheProxyThenSecureAndHsts() throws Exception {
		RawHttp.Answer answer = RawHttp.send(PROXY_ADDRESS, PORT, "GET /mon-espace HTTP/1.1",
				List.of("Host: fresnes.localhost", "Accept: text/html", "X-Forwarded-Proto: https",
						"X-Forwarded-For: 203.0.113.9"),
				"");

		assertThat(answer.all("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("SESSION="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).containsIgnoringCase("HttpOnly")
				.containsIgnoringCase("SameSite=Lax")
				.containsIgnoringCase("Secure"));
		assertThat(answer.header("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000", "includeSubDomains"));
	}

	@Test
	void sessionCookieWhenAClientNotTheProxySaysHttpsThenNeitherSecureNorHsts() throws Exception {
		HttpResponse<String> answer = send("fresnes.localhost", "/mon-espace",
				Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"));

		assertThat(sessionCookie(answer)).doesNotContainIgnoringCase("Secure");
		assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void wizardCookieWhenHttpsThroughTheProxyThenSecureHttpOnlyLax() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> first = browser.open(url("villennes", "/inscription"));
		assertThat(browser.cookie("villennes.localhost", "SESSION"))
			.as("filling in the wizard opens no session (no row in PostgreSQL per visitor)")
			.isNull();
		String csrfCookie = browser.cookie("villennes.localhost", "XSRF-TOKEN");
		assertThat(csrfCookie).as("the form's token is matched against a cookie").isNotNull();
		String body = "_csrf=" + java.net.URLEncoder.encode(csrf(first), java.nio.charset.StandardCharsets.UTF_8)
				+ "&action=next";
		RawHttp.Answer answer = RawHttp
			.send(PROXY_ADDRESS, PORT, "POST " + first.uri().getPath() + " HTTP/1.1",
					List.of("Host: villennes.localhost:" + PORT, "X-Forwarded-Proto: https",
							"Content-Type: application/x-www-form-urlencoded", "Cookie: XSRF-TOKEN=" + csrfCookie),
					body);

		assertThat(answer.all("Set-Cookie")).filteredOn((c) -> c.startsWith("espace_inscription="))
			.singleElement()
			.satisfies((c) -> assertThat(c).contains("HttpOnly", "SameSite=Lax", "Secure"));
		// the token's cookie goes out on the first answer, before any page body
		HttpResponse<String> start = send("villennes.localhost", "/inscription", Map.of());
		assertThat(start.headers().allValues("Set-Cookie")).filteredOn((c) -> c.startsWith("XSRF-TOKEN="))
			.singleElement()
			.satisfies((c) -> assertThat(c).containsIgnoringCase("HttpOnly")
				.containsIgnoringCase("SameSite=Lax")
				.containsIgnoringCase("Path=/")
				.doesNotContainIgnoringCase("Domain=")
				.as("plain local http")
				.doesNotContainIgnoringCase("Secure"));
	}

	@Test
	void signInWhenThroughKeycloakThenSessionIdChangesAndTheOldOneIsWorthless() throws Exception {
		TenantDefinition fresnes = tenant("fresnes");
		String username = "fixation-" + UUID.randomUUID().toString().substring(0, 8);
		String userId = this.provisioner.ensureUser(fresnes, username, username + "@example.org", "Camille", "Martin",
				STAFF_PASSWORD, "citizen");
		this.records.saveAcceptance(fresnes, userId,
				new Acceptance("cgu", fresnes.terms().version(), fresnes.terms().sha256(), Instant.now()));
		Browser browser = new Browser();
		HttpResponse<String> login = browser.open(url("fresnes", "/mon-espace"));
		String before = browser.cookie("fresnes.localhost", "SESSION");
		assertThat(before).as("a session holds the sign-in request").isNotNull();

		HttpResponse<String> page = browser.submit(Browser.formAction(login.body()),
				Map.of("username", username, "password", STAFF_PASSWORD));

		assertThat(text(page)).as(Browser.describe(page)).contains("Bonjour Camille Martin");
		String after = browser.cookie("fresnes.localhost", "SESSION");
		assertThat(after).isNotNull().isNotEqualTo(before);
		// someone who planted or saw the id before sign-in gets nothing
		HttpResponse<String> planted = send("fresnes.localhost", "/mon-espace", Map.of("Cookie", "SESSION=" + before));
		assertThat(planted.statusCode()).isEqualTo(302);
		assertThat(planted.headers().firstValue("Location").orElse("")).doesNotEndWith("/mon-espace");
	}

	@Test
	void wizardAndMonEspaceFormsWhenPostedWithoutCsrfTokenThen403() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> first = browser.open(url("villennes", "/inscription"));
		String path = first.uri().getPath();

		HttpResponse<String> wizard = browser.submit(url("villennes", path), Map.of("action", "next"));
		assertThat(wizard.statusCode()).isEqualTo(403);
		assertThat(text(wizard)).contains("Formulaire expiré", "Rechargez la page");
		assertThat(browser.cookie("villennes.localhost", "espace_inscription")).as("no draft started").isNull();
		assertThat(browser.submit(url("villennes", "/inscription/annuler"), Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.submit(url("villennes", "/activation/nouveau-lien"), Map.of("email", "a@b.fr")).statusCode())
			.isEqualTo(403);

		SignedIn citizen = signInAsCitizen("fresnes");
		HttpResponse<String> contact = citizen.browser()
			.submit(url("fresnes", "/mon-espace/coordonnees"), Map.of("phone", "01 02 03 04 05"));
		assertThat(contact.statusCode()).isEqualTo(403);
		assertThat(citizen.browser().submit(url("fresnes", "/mon-espace/cles"), Map.of()).statusCode()).isEqualTo(403);
		assertThat(citizen.browser()
			.submit(url("fresnes", "/mon-espace/mot-de-passe"), Map.of("password", "x", "confirmation", "x"))
			.statusCode()).isEqualTo(403);
		assertThat(text(citizen.browser().open(url("fresnes", "/mon-espace")))).doesNotContain("01 02 03 04 05");
	}

	private HttpResponse<String> send(String host, String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.header("Host", host + ":" + PORT)
			.header("Accept", "text/html");
		headers.forEach(request::header);
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String sessionCookie(HttpResponse<String> answer) {
		return answer.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> SESSION_COOKIES.stream().anyMatch((name) -> cookie.startsWith(name + "=")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No session cookie in " + answer.headers()));
	}

}
