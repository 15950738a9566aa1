package fr.espacecommun.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.espacecommun.EspaceCommunApplication;
import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import fr.espacecommun.runtime.internal.EmbeddedPostgresServer;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantCatalog;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Onboards N generated communes (clones of Villennes, real realms and schemas) on one or
 * two fresh Keycloak servers and a fresh database, and measures: the first start (every
 * realm created), the platform's own share of it, onboarding one more commune, a restart
 * with N communes, heap after GC, and the latency of a wizard page for commune #1 and #N.
 * Not part of {@code ./mvnw verify}: run {@code bench/tenant-scale/run.sh}.
 */
public final class TenantScaleBench {

	private static final Pattern ALL_ONBOARDED = Pattern.compile("Onboarded (\\d+) tenants in (\\d+) ms");

	private static final Pattern ONBOARDED = Pattern
		.compile("Onboarded (c\\d+): schema (\\d+) ms, realm (\\d+) ms \\((\\w+)");

	private static final Pattern CHECKED = Pattern
		.compile("Checked the realms of \\d+ unchanged tenants after the start in (\\d+) ms");

	private final Path repo;

	private final EmbeddedPostgresServer postgres;

	private final int requests;

	private final ListAppender<ILoggingEvent> onboardingLog = new ListAppender<>();

	private TenantScaleBench(Path repo, int requests) {
		this.repo = repo;
		this.requests = requests;
		this.postgres = EmbeddedPostgresServer.shared();
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		List<Integer> counts = Arrays.stream(options.getOrDefault("counts", "5,100,500").split(","))
			.map(Integer::parseInt)
			.toList();
		List<Integer> twoServers = Arrays.stream(options.getOrDefault("two-servers-at", "500").split(","))
			.filter((value) -> !value.isBlank())
			.map(Integer::parseInt)
			.toList();
		TenantScaleBench bench = new TenantScaleBench(Path.of(options.getOrDefault("repo", ".")).toAbsolutePath(),
				Integer.parseInt(options.getOrDefault("requests", "300")));
		List<Result> results = new ArrayList<>();
		for (int count : counts) {
			results.add(bench.run(count, 1));
			System.out.println(Result.HEADER + System.lineSeparator() + results.get(results.size() - 1).row());
		}
		for (int count : twoServers) {
			results.add(bench.run(count, 2));
			System.out.println(Result.HEADER + System.lineSeparator() + results.get(results.size() - 1).row());
		}
		StringBuilder report = new StringBuilder();
		report.append("Tenant scale, ")
			.append(LocalDateTime.now().withNano(0))
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, JVM max heap ")
			.append(Runtime.getRuntime().maxMemory() / 1024 / 1024)
			.append(" MB\n\n")
			.append(Result.HEADER)
			.append('\n');
		results.forEach((result) -> report.append(result.row()).append('\n'));
		Result baseline = results.get(0);
		report.append("\nHeap per commune, against the ").append(baseline.communes()).append("-commune run:\n");
		for (Result result : results.subList(1, results.size())) {
			if (result.servers() == 1) {
				report.append(String.format(Locale.ROOT, "- %d communes: %.1f KB%n", result.communes(),
						(result.heapMb() - baseline.heapMb()) * 1024 / (result.communes() - baseline.communes())));
			}
		}
		report.append("\nHeap per commune, upper bound: the whole application's heap after GC (its own start-up "
				+ "state included) less the heap before it started, over the number of communes; the runs share "
				+ "one JVM, so what an earlier run left behind is in both terms:\n");
		for (Result result : results) {
			report.append(String.format(Locale.ROOT, "- %d communes on %d server(s): %.1f KB%n", result.communes(),
					result.servers(), (result.heapMb() - result.heapBeforeMb()) * 1024 / result.communes()));
		}
		System.out.println(report);
		Path out = bench.repo.resolve("bench/tenant-scale/results");
		Files.createDirectories(out);
		Files.writeString(out.resolve("latest.md"), report);
		System.exit(0);
	}

	private Result run(int communes, int servers) throws Exception {
		System.out.printf("=== %d communes on %d Keycloak server(s)%n", communes, servers);
		List<EmbeddedKeycloak> keycloaks = new ArrayList<>();
		for (int i = 0; i < servers; i++) {
			EmbeddedKeycloak keycloak = new EmbeddedKeycloak();
			keycloak.start();
			keycloaks.add(keycloak);
		}
		String database = "bench_" + communes + "_" + servers + "_" + System.currentTimeMillis();
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl(), this.postgres.username(),
				this.postgres.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		Path tenants = generate(communes, servers);
		int port = freePort();
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", port);
		properties.put("espace.tenants.dir", tenants.toString());
		properties.put("espace.tenants.reload-interval", "PT1H");
		properties.put("spring.datasource.url", this.postgres.jdbcUrl().replace("/" + EmbeddedPostgresServer.DATABASE,
				"/" + database));
		properties.put("spring.datasource.username", this.postgres.username());
		properties.put("spring.datasource.password", this.postgres.password());
		properties.put("espace.embedded.keycloak", false);
		properties.put("espace.rate-limit.enabled", false);
		properties.put("espace.keycloak.web-client.local-ports[0]", port);
		properties.put("logging.level.fr.espacecommun", "WARN");
		properties.put("logging.level.fr.espacecommun.onboarding.TenantOnboarding", "INFO");
		properties.put("logging.level.org.springframework", "WARN");
		for (int i = 0; i < servers; i++) {
			String name = (i == 0) ? "default" : "b";
			properties.put("espace.keycloak.clusters." + name + ".url", keycloaks.get(i).url());
			properties.put("espace.keycloak.clusters." + name + ".admin-username", keycloaks.get(i).adminUsername());
			properties.put("espace.keycloak.clusters." + name + ".admin-password", keycloaks.get(i).adminPassword());
		}
		try {
			this.onboardingLog.list.clear();
			double heapBeforeMb = heapAfterGcMb();
			long start = System.nanoTime();
			ConfigurableApplicationContext context = start(properties);
			double firstStart = seconds(start);
			Totals onboarding = totals();
			// every commune served once: what a running platform holds per commune
			for (int i = 1; i <= communes; i++) {
				firstPage(port, id(i));
			}
			double heapMb = heapAfterGcMb();
			double[] first = latency(port, id(1));
			double[] last = latency(port, id(communes));

			this.onboardingLog.list.clear();
			Files.writeString(tenants.resolve(id(communes + 1) + ".yaml"), commune(communes + 1, servers));
			long added = System.nanoTime();
			((FileTenantCatalog) context.getBean(TenantCatalog.class)).reload();
			double oneMore = seconds(added);
			Totals more = totals();
			context.close();

			this.onboardingLog.list.clear();
			start = System.nanoTime();
			ConfigurableApplicationContext restarted = start(properties);
			double restart = seconds(start);
			// the realms of communes served unchanged are checked once the platform serves
			double checks = realmChecksSeconds(Duration.ofMinutes(30));
			restarted.close();
			// the onboarding of every commune, without the application's own start; with
			// two clusters side by side the realm times overlap and no share is computed
			return new Result(communes, servers, firstStart, onboarding.wallMs / 1000.0, onboarding.realmMs / 1000.0,
					(servers == 1) ? (onboarding.wallMs - onboarding.realmMs) / (double) communes : Double.NaN, oneMore, more.realmMs / 1000.0,
					oneMore - more.realmMs / 1000.0, restart, checks, heapBeforeMb, heapMb, first, last);
		}
		finally {
			keycloaks.forEach(EmbeddedKeycloak::close);
		}
	}

	private ConfigurableApplicationContext start(Map<String, Object> properties) {
		// command-line arguments: they win over application.yaml (default properties would
		// not)
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(EspaceCommunApplication.class)
			// a class, not a lambda: Spring Modulith's multicaster hands a listener whose
			// event type it cannot read every event, and the cast fails
			.listeners(new OnboardingLogCapture(this.onboardingLog))
			.run(args);
	}

	/** Seconds the realm checks that follow a start took, as the platform logs them. */
	private double realmChecksSeconds(Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			for (ILoggingEvent event : new ArrayList<>(this.onboardingLog.list)) {
				if (event.getFormattedMessage().contains("(0 unchanged")) {
					return 0;
				}
				Matcher matcher = CHECKED.matcher(event.getFormattedMessage());
				if (matcher.find()) {
					return Long.parseLong(matcher.group(1)) / 1000.0;
				}
			}
			Thread.sleep(500);
		}
		return Double.NaN;
	}

	private Totals totals() {
		long schema = 0;
		long realm = 0;
		int created = 0;
		long wall = 0;
		for (ILoggingEvent event : new ArrayList<>(this.onboardingLog.list)) {
			Matcher all = ALL_ONBOARDED.matcher(event.getFormattedMessage());
			if (all.find()) {
				wall = Long.parseLong(all.group(2));
			}
			Matcher matcher = ONBOARDED.matcher(event.getFormattedMessage());
			if (matcher.find()) {
				schema += Long.parseLong(matcher.group(2));
				realm += Long.parseLong(matcher.group(3));
				created += matcher.group(4).equals("created") ? 1 : 0;
			}
		}
		return new Totals(schema, realm, created, wall);
	}

	private Path generate(int communes, int servers) throws IOException {
		Path folder = Files.createTempDirectory("bench-tenants-");
		for (String sub : List.of("cgu", "logos")) {
			Files.createDirectories(folder.resolve(sub));
			try (Stream<Path> files = Files.list(this.repo.resolve("tenants").resolve(sub))) {
				for (Path file : files.toList()) {
					Files.copy(file, folder.resolve(sub).resolve(file.getFileName()),
							StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		for (int i = 1; i <= communes; i++) {
			Files.writeString(folder.resolve(id(i) + ".yaml"), commune(i, servers));
		}
		return folder;
	}

	private String commune(int number, int servers) throws IOException {
		String id = id(number);
		String cluster = (servers == 2 && number % 2 == 0) ? "b" : "default";
		return Files.readString(this.repo.resolve("tenants/villennes.yaml"))
			.replace("id: villennes", "id: " + id)
			.replace("- villennes.localhost", "- " + id + ".localhost")
			.replace("- villennes.espace-commun.fr", "- " + id + ".espace-commun.fr")
			.replace("cluster: default", "cluster: " + cluster);
	}

	private static String id(int number) {
		return String.format(Locale.ROOT, "c%04d", number);
	}

	private static HttpClient http() {
		return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** GET /inscription: the wizard's first page, its draft cookie and location. */
	private static String[] firstPage(int port, String id) throws IOException, InterruptedException {
		HttpResponse<String> response = http().send(request(port, id, "/inscription", null),
				HttpResponse.BodyHandlers.ofString());
		String location = response.headers().firstValue("Location").orElse("/inscription");
		String cookie = String.join("; ", response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((header) -> header.substring(0, header.indexOf(';')))
			.toList());
		URI uri = URI.create(location);
		return new String[] { (uri.getPath() != null) ? uri.getPath() : location, cookie };
	}

	/** p50, p95, p99 in ms of the wizard's first step page, after a warm-up. */
	private double[] latency(int port, String id) throws IOException, InterruptedException {
		String[] page = firstPage(port, id);
		HttpClient client = http();
		long[] times = new long[this.requests];
		for (int i = -this.requests; i < this.requests; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = client.send(request(port, id, page[0], page[1]),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(id + " " + page[0] + ": " + response.statusCode());
			}
			if (i >= 0) {
				times[i] = System.nanoTime() - start;
			}
		}
		Arrays.sort(times);
		return new double[] { times[this.requests / 2] / 1e6, times[(int) (this.requests * 0.95)] / 1e6,
				times[(int) (this.requests * 0.99)] / 1e6 };
	}

	private static HttpRequest request(int port, String id, String path, String cookie) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Host", id + ".localhost:" + port)
			.header("Accept", "text/html")
			.timeout(Duration.ofSeconds(30));
		if (cookie != null && !cookie.isEmpty()) {
			builder.header("Cookie", cookie);
		}
		return builder.GET().build();
	}

	private static double heapAfterGcMb() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Totals(long schemaMs, long realmMs, int created, long wallMs) {
	}

	private record Result(int communes, int servers, double firstStartS, double onboardingS, double realmsS, double platformMsPerCommune,
			double oneMoreS, double oneMoreRealmS, double oneMorePlatformS, double restartS, double checksS, double heapBeforeMb, double heapMb,
			double[] first, double[] last) {

		static final String HEADER = "| communes | Keycloak servers | first start (all realms created) s | of which onboarding s | sum of Keycloak realm creations s | platform ms/commune | one more commune s | of which realm s | platform s | restart s (serving) | realm checks after restart s | heap after GC MB | wizard page #1 p50/p95/p99 ms | wizard page #N p50/p95/p99 ms |\n"
				+ "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

		String row() {
			return String.format(Locale.ROOT,
					"| %d | %d | %.1f | %.1f | %.1f | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f |",
					this.communes, this.servers, this.firstStartS, this.onboardingS, this.realmsS, this.platformMsPerCommune,
					this.oneMoreS, this.oneMoreRealmS, this.oneMorePlatformS, this.restartS, this.checksS, this.heapMb,
					this.first[0], this.first[1], this.first[2], this.last[0], this.last[1], this.last[2]);
		}

	}

	/** Attaches the capture once Spring Boot configured logging (which drops earlier appenders). */
	private static final class OnboardingLogCapture implements ApplicationListener<ApplicationPreparedEvent> {

		private final ListAppender<ILoggingEvent> capture;

		OnboardingLogCapture(ListAppender<ILoggingEvent> capture) {
			this.capture = capture;
		}

		@Override
		public void onApplicationEvent(ApplicationPreparedEvent event) {
			Logger logger = (Logger) LoggerFactory.getLogger("fr.espacecommun.onboarding.internal.TenantOnboarding");
			this.capture.start();
			logger.addAppender(this.capture);
		}

	}

}
