package fr.espacecommun.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * A person registering on Keycloak's own registration page (the form a bare Keycloak
 * offers when "user registration" is on): one GET of the form, one POST of it, Keycloak
 * answers with the redirect carrying the authorisation code. Both go through the
 * {@link KeycloakCallCounter} relay, as the platform's and the Admin API's calls do.
 * Cookies are kept in a {@link CookieJar}.
 */
final class KeycloakForm {

	static final String CLIENT = "bench-form";

	static final String REDIRECT = "http://127.0.0.1:9/callback";

	private static final Pattern ACTION = Pattern.compile("id=\"kc-register-form\"[^>]*action=\"([^\"]+)\"");

	private final HttpClient http;

	private final String base;

	private final String realm;

	private final Stats stats;

	private final CookieJar cookies = new CookieJar();

	KeycloakForm(HttpClient http, String keycloakUrl, String realm, Stats stats) {
		this.http = http;
		this.base = keycloakUrl.replaceAll("/$", "");
		this.realm = realm;
		this.stats = stats;
	}

	/**
	 * A realm like the commune's for Keycloak's own form: same password policy and
	 * e-mail-as-username rule, registration on, a confidential client to register
	 * through.
	 */
	static void createRealm(Keycloak admin, String name, RealmRepresentation like) {
		RealmRepresentation realm = new RealmRepresentation();
		realm.setRealm(name);
		realm.setEnabled(true);
		realm.setRegistrationAllowed(true);
		realm.setRegistrationEmailAsUsername(like.isRegistrationEmailAsUsername());
		realm.setLoginWithEmailAllowed(like.isLoginWithEmailAllowed());
		realm.setDuplicateEmailsAllowed(false);
		realm.setPasswordPolicy(like.getPasswordPolicy());
		admin.realms().create(realm);
		ClientRepresentation client = new ClientRepresentation();
		client.setClientId(CLIENT);
		client.setEnabled(true);
		client.setPublicClient(false);
		client.setSecret("bench-form-secret");
		client.setStandardFlowEnabled(true);
		client.setRedirectUris(List.of(REDIRECT));
		admin.realm(name).clients().create(client).close();
	}

	/**
	 * Opens the form, fills it in and sends it; fails the step unless Keycloak redirects
	 * with a code.
	 */
	void register(String email, String password) {
		String path = "/realms/" + this.realm + "/protocol/openid-connect/registrations?client_id=" + CLIENT
				+ "&response_type=code&scope=openid&redirect_uri=" + encode(REDIRECT);
		HttpResponse<String> form = send("KC form GET", HttpRequest.newBuilder(URI.create(this.base + path)).GET());
		Matcher action = ACTION.matcher(form.body());
		if (form.statusCode() != 200 || !action.find()) {
			fail("KC form GET", "HTTP " + form.statusCode() + ", no registration form");
		}
		// Keycloak writes the action with its own address (the relay does not pass the
		// Host header on): sent through the relay, like every other call of the bench
		String target = this.base + action.group(1).replace("&amp;", "&").replaceFirst("^https?://[^/]+", "");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("firstName", "Test");
		fields.put("lastName", "Groupe Fictif");
		fields.put("email", email);
		fields.put("username", email);
		fields.put("password", password);
		fields.put("password-confirm", password);
		HttpResponse<String> sent = send("KC form POST", Browser.formPost(URI.create(target), fields));
		String location = sent.headers().firstValue("Location").orElse("");
		if (sent.statusCode() != 302 || !location.startsWith(REDIRECT) || !location.contains("code=")) {
			fail("KC form POST", "HTTP " + sent.statusCode() + " -> " + location + " "
					+ sent.body().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
		}
	}

	private HttpResponse<String> send(String step, HttpRequest.Builder builder) {
		builder.timeout(Duration.ofSeconds(120));
		this.cookies.addTo(builder);
		long start = System.nanoTime();
		HttpResponse<String> response;
		try {
			response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw fail(step, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Browser.StepFailed(step + ": interrupted");
		}
		this.stats.record(step, System.nanoTime() - start);
		this.cookies.takeFrom(response);
		return response;
	}

	private Browser.StepFailed fail(String step, String why) {
		String shortWhy = why.substring(0, Math.min(300, why.length()));
		this.stats.fail(step, shortWhy);
		throw new Browser.StepFailed(step + ": " + shortWhy);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
