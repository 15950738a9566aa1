package fr.espacecommun.wizard.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * A citizen's browser on one commune's host: keeps the wizard cookie and the session
 * between requests, as a browser would.
 */
public final class Citizen {

	private final MockMvc mvc;

	private final String host;

	private MockHttpSession session = new MockHttpSession();

	private String draftCookie;

	/** The last response. */
	MockHttpServletResponse response;

	public Citizen(MockMvc mvc, String tenantId) {
		this.mvc = mvc;
		this.host = tenantId + ".localhost";
	}

	/** Another browser holding only this one's cookie (no session): another instance. */
	Citizen withOnlyTheCookie() {
		Citizen other = new Citizen(this.mvc, this.host.substring(0, this.host.indexOf('.')));
		other.draftCookie = this.draftCookie;
		return other;
	}

	public String draftId() {
		return this.draftCookie;
	}

	/** GET, following no redirect; returns the unescaped page. */
	public String get(String path) throws Exception {
		return perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path));
	}

	/**
	 * Fresnes' wizard filled in as its guide shows, from the start up to its credentials
	 * page (opened): Marie Curie, place Pierre et Marie Curie.
	 */
	public void fillFresnesUpToCredentials(String email) throws Exception {
		get("/inscription");
		post("/inscription/welcome", form("action", "next"));
		post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Curie", "firstNames", "Marie"));
		post("/inscription/address", form("action", "next", "addressSearch",
				"1 place Pierre et Marie Curie 94260 Fresnes", "building", "A"));
		post("/inscription/contact",
				form("action", "next", "phone", "01 49 84 56 56", "email", email, "preferredContact", "courriel"));
		get("/inscription/credentials");
	}

	/** POST a form; returns the unescaped page (empty for a redirect). */
	public String post(String path, Map<String, String> form) throws Exception {
		MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post(path);
		form.forEach(request::param);
		return perform(request);
	}

	/** Where the last response redirected to, or null. */
	public String redirect() {
		return this.response.getRedirectedUrl();
	}

	int status() {
		return this.response.getStatus();
	}

	private String perform(MockHttpServletRequestBuilder request) throws Exception {
		request.with((r) -> {
			r.setServerName(this.host);
			r.setServerPort(8080);
			return r;
		}).with(SecurityMockMvcRequestPostProcessors.csrf()).session(this.session);
		if (this.draftCookie != null) {
			request.cookie(new Cookie(WizardController.COOKIE, this.draftCookie));
		}
		MvcResult result = this.mvc.perform(request).andReturn();
		this.response = result.getResponse();
		for (String header : this.response.getHeaders("Set-Cookie")) {
			if (header.startsWith(WizardController.COOKIE + "=")) {
				String value = header.substring(WizardController.COOKIE.length() + 1, header.indexOf(';'));
				this.draftCookie = value.isEmpty() ? null : value;
			}
		}
		return HtmlUtils.htmlUnescape(this.response.getContentAsString());
	}

	public static Map<String, String> form(String... pairs) {
		Map<String, String> form = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.put(pairs[i], pairs[i + 1]);
		}
		return form;
	}

}
