package fr.espacecommun.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded headers over real HTTP: believed from the trusted proxy only (here
 * {@link #PROXY_ADDRESS}, {@code espace.proxy.trusted-addresses}), from anyone else
 * (127.0.0.1, where a client on the platform's own machine or network would come from)
 * they change nothing; {@code X-Forwarded-Host} never picks the commune, whoever sends
 * it.
 */
class ForwardedHeadersTests extends LiveServerTest {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void homeWhenAClientSaysAnotherCommuneInXForwardedHostThenTheHostsCommuneIsServed() throws Exception {
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/"))
			.header("Host", "fresnes.localhost:" + PORT)
			.header("X-Forwarded-Host", "villennes.localhost")
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(text(page)).contains("Ville de Fresnes").doesNotContain("Villennes");
	}

	@Test
	void homeWhenTheTrustedProxyPassesAClientsXForwardedHostThenTheHostsCommuneIsServed() throws Exception {
		RawHttp.Answer page = RawHttp.send(PROXY_ADDRESS, PORT, "GET / HTTP/1.1", List.of("Host: fresnes.localhost",
				"X-Forwarded-Host: villennes.localhost", "X-Forwarded-Proto: https", "Accept: text/html"), "");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Ville de Fresnes").doesNotContain("Villennes");
	}

	@Test
	void signInWhenHttpsThroughTheTrustedProxyThenHttpsReturnAddressAndSecureCookie() throws Exception {
		RawHttp.Answer start = RawHttp.send(PROXY_ADDRESS, PORT, "GET /oauth2/authorization/fresnes HTTP/1.1",
				List.of("Host: fresnes.localhost", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.20",
						"Accept: text/html"),
				"");

		assertThat(start.status()).isEqualTo(302);
		assertThat(start.header("Location")).hasValueSatisfying((location) -> assertThat(location)
			.contains("redirect_uri=https://fresnes.localhost/login/oauth2/code/fresnes&"));
		assertThat(start.all("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("SESSION="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).containsIgnoringCase("Secure"));
		assertThat(start.header("Strict-Transport-Security")).isPresent();

		// the proxy listening on another port says so
		RawHttp.Answer onPort = RawHttp.send(PROXY_ADDRESS, PORT, "GET /oauth2/authorization/fresnes HTTP/1.1", List
			.of("Host: fresnes.localhost", "X-Forwarded-Proto: https", "X-Forwarded-Port: 8443", "Accept: text/html"),
				"");
		assertThat(onPort.header("Location")).hasValueSatisfying((location) -> assertThat(location)
			.contains("redirect_uri=https://fresnes.localhost:8443/login/oauth2/code/fresnes&"));
	}

	@Test
	void signInWhenAClientNotTheProxySaysHttpsThenPlainHttpReturnAddress() throws Exception {
		HttpResponse<String> start = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/oauth2/authorization/fresnes"))
				.header("Host", "fresnes.localhost:" + PORT)
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Port", "443")
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(start.statusCode()).isEqualTo(302);
		assertThat(start.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location)
			.contains("redirect_uri=http://fresnes.localhost:" + PORT + "/login/oauth2/code/fresnes&"));
		assertThat(start.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.contains("Secure"));
	}

}
