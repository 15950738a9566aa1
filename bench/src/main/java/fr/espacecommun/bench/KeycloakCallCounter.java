package fr.espacecommun.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP relay in front of Keycloak that counts the calls passing through it, by
 * method and path (ids replaced by {@code {id}}), so the bench can tell how many Keycloak
 * calls each page view costs. The platform instances and the bare Admin API client both
 * talk to Keycloak through it, so both pay the same extra hop.
 */
final class KeycloakCallCounter implements AutoCloseable {

	private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "expect", "upgrade",
			"transfer-encoding", "keep-alive", "te", "trailer", "http2-settings", "date", "from", "via", "warning");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(64);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String target;

	private final LongAdder total = new LongAdder();

	private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();

	KeycloakCallCounter(String keycloakUrl) throws IOException {
		this.target = keycloakUrl.endsWith("/") ? keycloakUrl.substring(0, keycloakUrl.length() - 1) : keycloakUrl;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
		this.server.createContext("/", this::relay);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	long total() {
		return this.total.sum();
	}

	/** Calls so far by "METHOD /path", ids masked. */
	Map<String, Long> byPath() {
		Map<String, Long> copy = new TreeMap<>();
		this.byPath.forEach((k, v) -> copy.put(k, v.sum()));
		return copy;
	}

	private void relay(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			this.total.increment();
			String key = exchange.getRequestMethod() + " " + uri.getRawPath()
				.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
			this.byPath.computeIfAbsent(key, (k) -> new LongAdder()).increment();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.target + uri.toString()))
				.timeout(Duration.ofSeconds(60))
				.method(exchange.getRequestMethod(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!HOP_HEADERS.contains(name.toLowerCase())) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response;
			try {
				response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			catch (IOException ex) {
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			response.headers().map().forEach((name, values) -> {
				if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
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
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
