package fr.espacecommun.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Base Adresse Nationale's {@code /search} endpoint, answering
 * in its GeoCodeJSON format, since the tests cannot reach the real service. What it
 * answers depends on the query: one containing {@code port} gets four features (house
 * numbers, a street, a municipality), {@code lent} an answer after
 * {@link #SLOW_ANSWER_DELAY}, {@code panne} an HTTP 500, {@code casse} a body that is not
 * JSON, {@code grange} twelve house numbers whatever the limit, anything else an empty
 * collection.
 */
public final class BanStub implements AutoCloseable {

	/** How long the slow answer takes: well past the client's timeout. */
	public static final Duration SLOW_ANSWER_DELAY = Duration.ofSeconds(6);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private BanStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/search", this::search);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Starts a stub on a free port of the loopback interface. */
	public static BanStub start() {
		try {
			return new BanStub();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The base URL to configure as {@code espace.address.base-url}. */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** The query parameters of every request received, in order. */
	public List<Map<String, String>> requests() {
		return List.copyOf(this.requests);
	}

	/** How many requests asked for this query. */
	public long calls(String query) {
		return this.requests.stream().filter((parameters) -> query.equals(parameters.get("q"))).count();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void search(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (!path.equals("/search") && !path.equals("/search/")) {
				respond(exchange, 404, "{\"code\":404,\"message\":\"Not found\"}");
				return;
			}
			Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
			this.requests.add(parameters);
			String query = parameters.getOrDefault("q", "").toLowerCase(Locale.ROOT);
			if (query.contains("lent")) {
				try {
					Thread.sleep(SLOW_ANSWER_DELAY.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				respond(exchange, 200, resource("port.json"));
			}
			else if (query.contains("panne")) {
				respond(exchange, 500, "{\"code\":500,\"message\":\"Internal Server Error\"}");
			}
			else if (query.contains("casse")) {
				respond(exchange, 200, "<html><body>Bad gateway</body></html>");
			}
			else if (query.contains("grange")) {
				respond(exchange, 200, resource("many.json"));
			}
			else if (query.contains("port")) {
				respond(exchange, 200, resource("port.json"));
			}
			else {
				respond(exchange, 200, resource("empty.json"));
			}
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> parameters(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return Map.of();
		}
		return Arrays.stream(rawQuery.split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
					(pair) -> (pair.length > 1) ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
					(first, second) -> second));
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = BanStub.class.getResourceAsStream("/ban/" + name)) {
			if (in == null) {
				throw new IOException("Missing test resource /ban/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
