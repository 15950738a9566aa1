package fr.espacecommun.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

/**
 * A minimal browser for HTTP-level tests: keeps cookies, follows redirects itself, and
 * reaches {@code *.localhost} hosts on 127.0.0.1 with the right Host header, as browsers
 * resolve them (the JVM does not). Needs
 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}.
 */
public final class Browser {

	private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private URI current = URI.create("http://localhost/");

	/**
	 * Cookies by host name, as a browser keeps them for host-only cookies (the JDK's
	 * cookie manager never sends cookies back to "localhost").
	 */
	private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();

	/**
	 * Copies every cookie of one host to another, which a browser never does: to check
	 * that a session carried to another commune's host is refused there.
	 */
	public void carryCookies(String fromHost, String toHost) {
		this.cookies.computeIfAbsent(toHost, (host) -> new ConcurrentHashMap<>())
			.putAll(this.cookies.getOrDefault(fromHost, Map.of()));
	}

	/** The value of a cookie this browser holds for a host, or null. */
	public String cookie(String host, String name) {
		return this.cookies.getOrDefault(host, Map.of()).get(name);
	}

	/** Forgets a cookie, as a browser does when it is cleared. */
	public void forget(String host, String name) {
		this.cookies.getOrDefault(host, new ConcurrentHashMap<>()).remove(name);
	}

	/** The URL of the last page reached. */
	public URI current() {
		return this.current;
	}

	/** GETs the URL without following redirects. */
	public HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return send(request(URI.create(url)).GET());
	}

	/** GETs the URL and follows redirects to the final page. */
	public HttpResponse<String> open(String url) throws IOException, InterruptedException {
		return follow(get(url));
	}

	/** POSTs a form and follows redirects to the final page. */
	public HttpResponse<String> submit(String url, Map<String, String> form) throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder builder = request(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return follow(send(builder));
	}

	/**
	 * POSTs a multipart form (text fields and one file), as a browser sends a file input,
	 * and follows redirects to the final page.
	 */
	public HttpResponse<String> upload(String url, Map<String, String> fields, String fileField, String fileName,
			String contentType, byte[] content) throws IOException, InterruptedException {
		String boundary = "----EspaceCommunTest" + java.util.UUID.randomUUID().toString().replace("-", "");
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
					+ "\"\r\n\r\n" + field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder builder = request(URI.create(url))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		return follow(send(builder));
	}

	/** The page's title and visible text, shortened: for assertion messages. */
	public static String describe(HttpResponse<String> page) {
		String text = HtmlUtils.htmlUnescape(page.body()
			.replaceAll("(?s)<script.*?</script>", "")
			.replaceAll("(?s)<style.*?</style>", "")
			.replaceAll("<[^>]+>", " ")
			.replaceAll("\\s+", " "));
		return page.statusCode() + " " + page.uri() + ": " + text.substring(0, Math.min(text.length(), 600));
	}

	/** The action of the first form of the page, unescaped. */
	public static String formAction(String page) {
		Matcher matcher = FORM_ACTION.matcher(page);
		if (!matcher.find()) {
			throw new AssertionError("No form on the page:\n" + page);
		}
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
		HttpResponse<String> last = response;
		for (int hops = 0; hops < 15 && last.statusCode() / 100 == 3; hops++) {
			String location = last.headers().firstValue("Location").orElseThrow();
			last = get(this.current.resolve(location).toString());
		}
		return last;
	}

	private HttpRequest.Builder request(URI uri) {
		this.current = uri;
		// as a browser does: error pages come as HTML, not JSON
		HttpRequest.Builder builder = HttpRequest.newBuilder()
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		Map<String, String> jar = this.cookies.getOrDefault(uri.getHost(), Map.of());
		if (!jar.isEmpty()) {
			builder.header("Cookie",
					jar.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		if (uri.getHost().endsWith(".localhost")) {
			URI direct = URI.create(uri.toString().replaceFirst("//" + Pattern.quote(uri.getHost()), "//127.0.0.1"));
			return builder.uri(direct).header("Host", uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : ""));
		}
		return builder.uri(uri);
	}

	private HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
		String host = this.current.getHost();
		HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int equals = pair.indexOf('=');
			String name = pair.substring(0, equals).trim();
			String value = pair.substring(equals + 1).trim();
			Map<String, String> jar = this.cookies.computeIfAbsent(host, (key) -> new ConcurrentHashMap<>());
			if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
				jar.remove(name);
			}
			else {
				jar.put(name, value);
			}
		}
		return response;
	}

}
