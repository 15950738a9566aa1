package fr.espacecommun.wizard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A relay in front of the real Keycloak that can make account creations slow, as a
 * Keycloak busy hashing passwords is; it records every call it relays.
 */
final class SlowKeycloak {

	private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "expect", "upgrade",
			"transfer-encoding", "keep-alive", "te", "trailer", "http2-settings", "date");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String target;

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private volatile Duration creationDelay = Duration.ZERO;

	private SlowKeycloak(String keycloakUrl) throws IOException {
		this.target = keycloakUrl.endsWith("/") ? keycloakUrl.substring(0, keycloakUrl.length() - 1) : keycloakUrl;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		this.server.createContext("/", this::relay);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	static SlowKeycloak relayTo(String keycloakUrl) {
		try {
			return new SlowKeycloak(keycloakUrl);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/**
	 * Every {@code POST /admin/realms/{realm}/users} waits this long before reaching
	 * Keycloak.
	 */
	void delayCreations(Duration delay) {
		this.creationDelay = delay;
	}

	/** Calls relayed so far, as "METHOD /path?query". */
	List<String> calls() {
		return List.copyOf(this.calls);
	}

	private void relay(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String method = exchange.getRequestMethod();
			this.calls.add(method + " " + uri);
			if (method.equals("POST") && uri.getPath().matches("/admin/realms/[^/]+/users")) {
				Thread.sleep(this.creationDelay.toMillis());
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.target + uri))
				.timeout(Duration.ofSeconds(60))
				.method(method, (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			response.headers().map().forEach((name, values) -> {
				if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			byte[] answer = response.body();
			exchange.sendResponseHeaders(response.statusCode(), (answer.length == 0) ? -1 : answer.length);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.sendResponseHeaders(502, -1);
		}
		catch (IOException ex) {
			exchange.sendResponseHeaders(502, -1);
		}
	}

}
