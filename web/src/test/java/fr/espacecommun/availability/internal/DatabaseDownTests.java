package fr.espacecommun.availability.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import fr.espacecommun.runtime.internal.EmbeddedPostgresServer;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.PlatformInstance;
import fr.espacecommun.testsupport.TenantsFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped while citizens use the portal, and started again: health goes DOWN,
 * every page answers 503 with a French notice in the commune's colours and the API a 503
 * problem document, nothing answers 500 or hangs, and the platform serves again by itself
 * once PostgreSQL is back.
 * <p>
 * The platform under test has a PostgreSQL of its own: the one the other test classes of
 * this JVM share is never stopped, since their cached contexts, and any test running
 * beside, would see the outage too.
 */
class DatabaseDownTests {

	private static final EmbeddedPostgresServer POSTGRES = new EmbeddedPostgresServer();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static PlatformInstance platform;

	@BeforeAll
	static void startPlatformOnItsOwnDatabase() throws IOException {
		POSTGRES.start();
		platform = PlatformInstance.start(freePort(),
				Map.of("spring.datasource.url", POSTGRES.jdbcUrl(), "spring.datasource.username", POSTGRES.username(),
						"spring.datasource.password", POSTGRES.password(), "espace.tenants.dir",
						TenantsFolder.copy().toString()));
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.close();
		}
		POSTGRES.stop();
	}

	@Test
	void databaseWhenStoppedUnderLoadThen503InFrenchHealthDownAndServedAgainWithoutRestartWhenBack() throws Exception {
		assertThat(health().statusCode()).isEqualTo(200);
		Load load = new Load(4);
		try {
			load.waitForResponses(20);

			POSTGRES.stop();
			long stopped = System.nanoTime();
			HttpResponse<String> down = waitFor(Duration.ofSeconds(20), DatabaseDownTests::health,
					(response) -> response.statusCode() == 503);
			System.out.printf("Health DOWN %d ms after PostgreSQL stopped%n", millisSince(stopped));
			JsonNode health = JsonMapper.builder().build().readTree(down.body());
			assertThat(health.at("/status").asString()).isEqualTo("DOWN");
			assertThat(health.at("/components/db/status").asString()).isEqualTo("DOWN");

			HttpResponse<String> page = waitFor(Duration.ofSeconds(10), () -> new Browser().get(url("/")),
					(response) -> response.statusCode() == 503);
			long asked = System.nanoTime();
			page = new Browser().get(url("/inscription/welcome"));
			long answeredIn = millisSince(asked);
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(answeredIn).as("a page during the outage answers at once").isLessThan(1500);
			String text = HtmlUtils.htmlUnescape(page.body());
			assertThat(text).contains("<title>Service momentanément indisponible – Ville de Fresnes</title>",
					"Le portail Espace Famille ne peut pas vous répondre pour le moment",
					"Rien de ce que vous avez déjà enregistré n'est perdu.",
					"Merci de réessayer dans quelques minutes.", "/branding/theme.css", "accueil.unique@fresnes94.fr");
			assertThat(page.headers().firstValue("Retry-After")).contains("30");
			assertThat(new Browser().get(url("/branding/theme.css")).statusCode())
				.as("the notice's colours still served")
				.isEqualTo(200);
			HttpResponse<String> api = new Browser().get(url("/api/admin/tenant"));
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(api.body()).contains("\"status\":503", "\"title\":\"Service momentanément indisponible\"");
			load.waitForResponses(20);
			Thread.sleep(2000);

			POSTGRES.start();
			long started = System.nanoTime();
			waitFor(Duration.ofSeconds(30), () -> new Browser().get(url("/inscription/welcome")),
					(response) -> response.statusCode() == 200);
			System.out.printf("Pages served %d ms after PostgreSQL started again%n", millisSince(started));
			waitFor(Duration.ofSeconds(30), DatabaseDownTests::health, (response) -> response.statusCode() == 200);
			load.recovered();
			load.waitForResponses(40);
		}
		finally {
			load.stop();
		}

		assertThat(load.failures).as("requests that failed outright").isEmpty();
		assertThat(load.unexpected).as("answers other than 200/503 (pages) or 401/503 (API)").isEmpty();
		assertThat(load.slow).as("answers that took more than 8 s").isEmpty();
		assertThat(load.afterRecovery).as("answers after PostgreSQL came back").isNotEmpty().allMatch("200"::equals);
		assertThat(load.all).as("the load saw the outage and the service").contains("503", "200");

		Browser citizen = new Browser();
		HttpResponse<String> welcome = citizen.open(url("/inscription"));
		HttpResponse<String> next = citizen.submit(url("/inscription/welcome"),
				Map.of("_csrf", csrf(welcome), "action", "next"));
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.uri().getPath()).isEqualTo("/inscription/cgu");
	}

	@Test
	void everyPooledConnectionBusyThenABurstNoticeNotAnIncidentAndServedOnceOneIsFree() throws Exception {
		HikariDataSource pool = platform.bean(HikariDataSource.class);
		Browser citizen = new Browser();
		HttpResponse<String> welcome = citizen.open(url("/inscription"));
		List<Connection> held = new ArrayList<>();
		try {
			// a burst: every connection of the pool taken, PostgreSQL itself fine
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				held.add(pool.getConnection());
			}
			// going on stores the draft
			HttpResponse<String> page = citizen.submit(url(welcome.uri().getPath()),
					Map.of("_csrf", csrf(welcome), "action", "next"));
			assertThat(page.statusCode()).as(Browser.describe(page)).isEqualTo(503);
			String text = HtmlUtils.htmlUnescape(page.body());
			assertThat(text)
				.contains("Le portail Espace Famille reçoit beaucoup de demandes en ce moment",
						"Rien de ce que vous avez déjà enregistré n'est perdu.",
						"Merci de réessayer dans quelques secondes")
				.doesNotContain("incident technique");
			assertThat(page.headers().firstValue("Retry-After")).contains("5");
			assertThat(bean().isAvailable()).as("a busy pool is not an outage").isTrue();
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		HttpResponse<String> next = citizen.submit(url(welcome.uri().getPath()),
				Map.of("_csrf", csrf(welcome), "action", "next"));
		assertThat(next.uri().getPath()).as(Browser.describe(next)).isEqualTo("/inscription/cgu");
		assertThat(health().statusCode()).isEqualTo(200);
	}

	private static DatabaseAvailability bean() {
		return platform.bean(DatabaseAvailability.class);
	}

	private static HttpResponse<String> health() throws IOException, InterruptedException {
		return new Browser().get("http://localhost:" + platform.port() + "/actuator/health");
	}

	private static String url(String path) {
		return platform.url("fresnes.localhost", path);
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("CSRF token on " + Browser.describe(page)).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	private static HttpResponse<String> waitFor(Duration timeout, Request request, Predicate<HttpResponse<String>> done)
			throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpResponse<String> last = null;
		while (System.nanoTime() < deadline) {
			last = request.send();
			if (done.test(last)) {
				return last;
			}
			Thread.sleep(200);
		}
		throw new AssertionError(
				"Not reached in " + timeout + "; last answer " + ((last != null) ? Browser.describe(last) : "none"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private interface Request {

		HttpResponse<String> send() throws Exception;

	}

	/**
	 * Citizens opening the wizard and sending its first page, and a client calling the
	 * API, in a loop on a few threads; every answer is recorded.
	 */
	private static final class Load {

		final Queue<String> all = new ConcurrentLinkedQueue<>();

		final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

		final Queue<String> slow = new ConcurrentLinkedQueue<>();

		final Queue<String> afterRecovery = new ConcurrentLinkedQueue<>();

		final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicBoolean recovered = new AtomicBoolean();

		private final ExecutorService threads;

		private final List<Future<?>> loops;

		Load(int threads) {
			this.threads = Executors.newFixedThreadPool(threads);
			this.loops = IntStream.range(0, threads)
				.<Future<?>>mapToObj((i) -> this.threads.submit(this::loop))
				.toList();
		}

		private void loop() {
			while (this.running.get()) {
				try {
					boolean afterRecovery = this.recovered.get();
					Browser citizen = new Browser();
					HttpResponse<String> welcome = record(() -> citizen.open(url("/inscription")), afterRecovery, "200",
							"503");
					if (welcome.statusCode() == 200) {
						record(() -> citizen.submit(url("/inscription/welcome"),
								Map.of("_csrf", csrf(welcome), "action", "next")), afterRecovery, "200", "503");
					}
					record(() -> citizen.get(url("/api/admin/tenant")), afterRecovery, "401", "503");
				}
				catch (Throwable ex) {
					this.failures.add(ex);
				}
			}
		}

		private HttpResponse<String> record(Request request, boolean afterRecovery, String ok, String unavailable)
				throws Exception {
			long start = System.nanoTime();
			HttpResponse<String> response = request.send();
			long millis = millisSince(start);
			String status = String.valueOf(response.statusCode());
			this.all.add(status);
			if (!status.equals(ok) && !status.equals(unavailable)) {
				this.unexpected.add(Browser.describe(response));
			}
			if (millis > 8000) {
				this.slow.add(millis + " ms: " + response.uri());
			}
			if (afterRecovery) {
				// the API's answer to a client without a token is its "service"
				this.afterRecovery.add(status.equals(ok) ? "200" : status);
			}
			return response;
		}

		void waitForResponses(int count) throws InterruptedException {
			int target = this.all.size() + count;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (this.all.size() < target && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
		}

		void recovered() {
			this.recovered.set(true);
		}

		void stop() throws Exception {
			this.running.set(false);
			for (Future<?> loop : this.loops) {
				loop.get(java.util.concurrent.TimeUnit.SECONDS.toMillis(60),
						java.util.concurrent.TimeUnit.MILLISECONDS);
			}
			this.threads.shutdown();
		}

	}

}
