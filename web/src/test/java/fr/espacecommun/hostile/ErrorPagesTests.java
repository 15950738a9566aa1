package fr.espacecommun.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error over real HTTP answers its French page with the security headers, never a
 * 500 nor Tomcat's English page; the request log records each request's real status, its
 * commune, and no token.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorPagesTests extends LiveServerTest {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void formWhenItsCsrfTokenIsTamperedThen403PageSayingToReloadAndNoStackTrace(CapturedOutput output)
			throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> first = browser.open(url("fresnes", "/inscription"));
		String token = csrf(first);
		int before = output.getOut().length();
		// as long as a real token, but its bytes unmask to no UTF-8 text
		String tampered = "A".repeat(token.length() / 2) + "_".repeat(token.length() - token.length() / 2);

		HttpResponse<String> refused = browser.submit(url("fresnes", first.uri().getPath()),
				Map.of("_csrf", tampered, "action", "next"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(text(refused)).contains("Formulaire expiré", "Rechargez la page", "Recharger la page",
				"Ville de Fresnes");
		assertThat(refused.body()).contains("href=\"" + first.uri().getPath() + "\"");
		assertSecurityHeaders((name) -> refused.headers().firstValue(name));
		String log = awaitLog(output, before, "POST " + first.uri().getPath() + " 403");
		assertThat(log).doesNotContain("Exception", "\tat ");
	}

	@Test
	void signInWhenAnotherRegistrationThanTheHostsThen404Page() throws Exception {
		for (String[] hostAndId : List.of(new String[] { "fresnes.localhost", "villennes" },
				new String[] { "fresnes.localhost", "platform" }, new String[] { "platform.localhost", "fresnes" })) {
			HttpResponse<String> page = get(hostAndId[0], "/oauth2/authorization/" + hostAndId[1]);

			assertThat(page.statusCode()).as(String.join(" ", hostAndId)).isEqualTo(404);
			assertThat(text(page)).contains("Page introuvable");
			assertSecurityHeaders((name) -> page.headers().firstValue(name));
		}
	}

	@Test
	void platformHostWhenActivationLinkOrErrorPathThen404Page() throws Exception {
		for (String path : List.of("/activation/abcdef", "/activation/abcdef/connexion", "/error")) {
			HttpResponse<String> page = get("platform.localhost", path);

			assertThat(page.statusCode()).as(path).isEqualTo(404);
			assertThat(text(page)).contains("Page introuvable");
		}
		HttpResponse<String> onCommune = get("fresnes.localhost", "/error");
		assertThat(onCommune.statusCode()).isEqualTo(404);
		assertThat(text(onCommune)).contains("Page introuvable", "Ville de Fresnes");
	}

	@Test
	void malformedAddressThenFrench400PageWithSecurityHeaders() throws Exception {
		for (String target : List.of("/%zz", "/a|b", "/inscription/%")) {
			RawHttp.Answer page = RawHttp.get(PORT, target, "fresnes.localhost");

			assertThat(page.status()).as(target).isEqualTo(400);
			String text = HtmlUtils.htmlUnescape(page.body());
			assertThat(text).as(target)
				.contains("<html lang=\"fr\"", "Demande incorrecte", "Retour à l'accueil")
				.doesNotContain("HTTP Status", "Tomcat", "Bad Request");
			assertSecurityHeaders(page::header);
		}
	}

	@Test
	void unknownHostAndTooLargeThenTheirPagesWithSecurityHeaders() throws Exception {
		HttpResponse<String> unknown = get("inconnue.localhost", "/");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertSecurityHeaders((name) -> unknown.headers().firstValue(name));

		HttpResponse<String> tooLarge = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/inscription/annuler"))
				.header("Host", "fresnes.localhost:" + PORT)
				.header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("a=" + "b".repeat(3 * 1024 * 1024)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(text(tooLarge)).contains("Envoi trop volumineux");
		assertSecurityHeaders((name) -> tooLarge.headers().firstValue(name));
	}

	@Test
	void requestLogWhenAnswersAreFinalThenRealStatusAndCommune(CapturedOutput output) throws Exception {
		int before = output.getOut().length();
		get("villennes.localhost", "/");
		get("fresnes.localhost", "/pas-de-page-ici");
		// a form whose parameters Tomcat cannot decode: refused after every filter ran
		RawHttp.Answer undecodable = RawHttp.send("127.0.0.1", PORT, "POST /inscription/annuler HTTP/1.1",
				List.of("Host: fresnes.localhost", "Content-Type: application/x-www-form-urlencoded"), "_csrf=%FF%FE");
		assertThat(undecodable.status()).isEqualTo(400);
		RawHttp.get(PORT, "/%zz", "fresnes.localhost");

		String log = awaitLog(output, before, "GET /%zz 400");
		assertThat(log).containsPattern("\\[tenant=villennes\\].*GET / 200")
			.containsPattern("\\[tenant=fresnes\\].*GET /pas-de-page-ici 404")
			.containsPattern("\\[tenant=fresnes\\].*POST /inscription/annuler 400");
	}

	@Test
	void activationLinkWhenOpenedThenItsTokenIsInNoLogLine(CapturedOutput output) throws Exception {
		String token = "Zm9vYmFyYmF6cXV4LXRva2VuLW5vdC1yZWFsLTEyMzQ1Njc4OQ";
		int before = output.getOut().length();

		HttpResponse<String> page = get("fresnes.localhost", "/activation/" + token);
		HttpResponse<String> credentials = get("fresnes.localhost", "/activation/" + token + "/connexion");
		get("fresnes.localhost", "/login/oauth2/code/fresnes?code=" + token + "&state=" + token + "&session_state=x");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(credentials.statusCode()).isIn(404, 410);
		String log = awaitLog(output, before, "GET /login/oauth2/code/fresnes");
		assertThat(log).contains("GET /activation/*** 404", "GET /activation/***/connexion").doesNotContain(token);
		assertThat(output.getAll()).doesNotContain(token);
	}

	private HttpResponse<String> get(String host, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.header("Host", host + ":" + PORT)
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The log written since {@code from}, once it holds the line awaited: Tomcat writes
	 * the request log after the answer is sent.
	 */
	private static String awaitLog(CapturedOutput output, int from, String awaited) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
		String log = output.getOut().substring(from);
		while (!log.contains(awaited) && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
			log = output.getOut().substring(from);
		}
		assertThat(log).contains(awaited);
		return log;
	}

	static void assertSecurityHeaders(Function<String, Optional<String>> header) {
		assertThat(header.apply("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'"));
		assertThat(header.apply("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(header.apply("X-Frame-Options")).hasValue("DENY");
		assertThat(header.apply("Referrer-Policy")).hasValue("same-origin");
	}

}
