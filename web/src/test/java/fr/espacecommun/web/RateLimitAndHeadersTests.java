package fr.espacecommun.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Past its limit a client gets a French 429 page saying how long to wait, with the
 * security headers, on that commune only, whatever X-Forwarded-For it sends; every page
 * carries a Content-Security-Policy without inline scripts and refuses framing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "espace.rate-limit.enabled=true", "espace.rate-limit.submissions-per-client=3",
				"espace.rate-limit.sign-ins-per-client=2", "espace.security.hsts=true" })
@AutoConfigureMockMvc
class RateLimitAndHeadersTests {

	@Autowired
	private MockMvc mvc;

	@LocalServerPort
	private int port;

	@Test
	void wizardSubmissionWhenOverTheClientLimitThenFrench429WithRetryAfterAndOtherCommuneStillServed()
			throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(submit("fresnes.localhost", "203.0.113.7").getResponse().getStatus()).isNotEqualTo(429);
		}

		MvcResult refused = submit("fresnes.localhost", "203.0.113.7");

		assertThat(refused.getResponse().getStatus()).isEqualTo(429);
		String retryAfter = refused.getResponse().getHeader("Retry-After");
		assertThat(retryAfter).matches("[1-9][0-9]*");
		// the page says the wait the header says
		long seconds = Long.parseLong(retryAfter);
		String wait = (seconds < 60) ? seconds + ((seconds > 1) ? " secondes" : " seconde")
				: ((seconds + 59) / 60) + " minute";
		assertThat(HtmlUtils.htmlUnescape(refused.getResponse().getContentAsString())).contains("Trop de demandes",
				"patientez " + wait + " puis réessayez", "Ville de Fresnes");
		assertThat(refused.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
		assertThat(refused.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(refused.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(refused.getResponse().getHeader("Referrer-Policy")).isEqualTo("same-origin");
		// another client, and the same client on another commune, are not held back
		assertThat(submit("fresnes.localhost", "203.0.113.8").getResponse().getStatus()).isNotEqualTo(429);
		assertThat(submit("villennes.localhost", "203.0.113.7").getResponse().getStatus()).isNotEqualTo(429);
	}

	@Test
	void signInWhenStartedTooOftenThen429() throws Exception {
		int last = 0;
		for (int i = 0; i < 3; i++) {
			last = this.mvc.perform(get("/connexion").with(host("ccve.localhost", "198.51.100.4")))
				.andReturn()
				.getResponse()
				.getStatus();
		}
		assertThat(last).isEqualTo(429);
	}

	/**
	 * Over real HTTP, with no trusted proxy configured (the default): a client that sends
	 * another X-Forwarded-For with each sign-in start is still one client.
	 */
	@Test
	void signInWhenEachRequestClaimsAnotherForwardedForThenStillOneClientAnd429() throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		int last = 0;
		HttpResponse<String> answer = null;
		for (int i = 0; i < 3; i++) {
			answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/connexion"))
				.header("Host", "velizy.localhost:" + this.port)
				.header("Accept", "text/html")
				.header("X-Forwarded-For", "1.2.3." + (i + 4))
				.header("X-Real-IP", "1.2.3." + (i + 4))
				.build(), HttpResponse.BodyHandlers.ofString());
			last = answer.statusCode();
		}

		assertThat(last).isEqualTo(429);
		assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(HtmlUtils.htmlUnescape(answer.body())).contains("Trop de demandes");
	}

	@Test
	void pageWhenServedThenContentSecurityPolicyForbidsInlineScriptsAndFraming() throws Exception {
		MvcResult home = this.mvc.perform(get("/").with(host("velizy.localhost", "192.0.2.1"))).andReturn();

		String csp = home.getResponse().getHeader("Content-Security-Policy");
		assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(home.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(home.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		// no inline script on the page itself, so the policy costs nothing
		assertThat(home.getResponse().getContentAsString()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
	}

	@Test
	void pageWhenHstsForcedByPropertyThenStrictTransportSecurityEvenOverHttp() throws Exception {
		MvcResult home = this.mvc.perform(get("/").with(host("velizy.localhost", "192.0.2.2"))).andReturn();

		assertThat(home.getRequest().isSecure()).isFalse();
		assertThat(home.getResponse().getHeader("Strict-Transport-Security")).contains("max-age=31536000",
				"includeSubDomains");
	}

	private MvcResult submit(String host, String client) throws Exception {
		return this.mvc
			.perform(post("/inscription/identite").with(csrf())
				.with(host(host, client))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("lastName", "Dupont"))
			.andReturn();
	}

	private static RequestPostProcessor host(String host, String client) {
		return (MockHttpServletRequest request) -> {
			request.setServerName(host);
			request.setRemoteAddr(client);
			return request;
		};
	}

}
