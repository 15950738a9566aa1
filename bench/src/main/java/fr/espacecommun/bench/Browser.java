package fr.espacecommun.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser on one commune's host of one platform instance: keeps its cookies,
 * sends the commune's Host header, follows no redirect by itself, and times every request
 * into {@link Stats} under the step's name.
 */
final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern CSRF_REVERSED = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	private final HttpClient http;

	private final String base;

	private final String host;

	private final Stats stats;

	private final CookieJar cookies = new CookieJar();

	// set only for one-at-a-time probes: Keycloak calls made while each step was served
	private KeycloakCallCounter counter;

	private Map<String, Long> keycloakCalls;

	Browser(HttpClient http, int port, String tenant, Stats stats) {
		this.http = http;
		this.base = "http://127.0.0.1:" + port;
		this.host = tenant + ".localhost:" + port;
		this.stats = stats;
	}

	/** Counts, per step, the Keycloak calls made while it was served (probes only). */
	Browser counting(KeycloakCallCounter counter, Map<String, Long> calls) {
		this.counter = counter;
		this.keycloakCalls = calls;
		return this;
	}

	Page get(String step, String path) {
		return send(step, HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	/** Counts a busy page ("service momentanément indisponible") this person saw. */
	void busy() {
		this.stats.busy();
	}

	Page post(String step, String path, Map<String, String> form) {
		return send(step, formPost(URI.create(this.base + path), form));
	}

	/** A POST of this form, URL-encoded as a browser sends it. */
	static HttpRequest.Builder formPost(URI target, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(target)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private Page send(String step, HttpRequest.Builder builder) {
		builder.header("Host", this.host).timeout(Duration.ofSeconds(120));
		this.cookies.addTo(builder);
		long calls = (this.counter != null) ? this.counter.total() : 0;
		long start = System.nanoTime();
		HttpResponse<String> response;
		try {
			response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			this.stats.fail(step, ex.toString());
			throw new StepFailed(step + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StepFailed(step + ": interrupted");
		}
		this.stats.record(step, System.nanoTime() - start);
		if (this.counter != null) {
			this.keycloakCalls.merge(step, this.counter.total() - calls, Long::sum);
		}
		this.cookies.takeFrom(response);
		String location = response.headers().firstValue("Location").map(Browser::pathOf).orElse(null);
		return new Page(step, response.statusCode(), response.body(), location, this.stats);
	}

	private static String pathOf(String location) {
		if (location.startsWith("http")) {
			URI uri = URI.create(location);
			return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		}
		return location;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A response. */
	record Page(String step, int status, String body, String location, Stats stats) {

		/** Fails the step unless the status is the one expected. */
		Page expect(int expected) {
			if (this.status != expected) {
				String why = "HTTP " + this.status + " (expected " + expected + ")"
						+ ((this.location != null) ? " -> " + this.location : "") + " " + excerpt(this.body);
				this.stats.fail(this.step, why);
				throw new StepFailed(this.step + ": " + why);
			}
			return this;
		}

		Page expectText(String text) {
			if (!this.body.contains(text)) {
				String why = "no \"" + text + "\" in " + excerpt(this.body);
				this.stats.fail(this.step, why);
				throw new StepFailed(this.step + ": " + why);
			}
			return this;
		}

		String csrf() {
			Matcher matcher = CSRF.matcher(this.body);
			if (matcher.find()) {
				return matcher.group(1);
			}
			matcher = CSRF_REVERSED.matcher(this.body);
			if (matcher.find()) {
				return matcher.group(1);
			}
			this.stats.fail(this.step, "no CSRF token");
			throw new StepFailed(this.step + ": no CSRF token");
		}

		private static String excerpt(String body) {
			String text = body.replaceAll("(?s)<head>.*?</head>", "")
				.replaceAll("<[^>]+>", " ")
				.replaceAll("\\s+", " ");
			return text.substring(0, Math.min(300, text.length()));
		}

	}

	/** A step that did not give what a person expects. */
	static final class StepFailed extends RuntimeException {

		StepFailed(String message) {
			super(message, null, false, false);
		}

	}

}
