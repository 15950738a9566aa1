package fr.espacecommun.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.runtime.EmbeddedSmtp;
import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import fr.espacecommun.runtime.internal.EmbeddedPostgresServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The load test (issue 6) and the registration benchmarks (issue 7): starts PostgreSQL,
 * Keycloak and an SMTP catcher, then platform instances in their own JVMs, drives them
 * with plain HTTP like browsers do, checks afterwards that nothing was lost or doubled,
 * and writes the figures as Markdown to {@code bench/target/load-results.md}.
 */
public final class LoadBench {

	private static final String PLATFORM_CREATION = "creation as the platform sends it (CCVE realm, registration id attribute)";

	private static final String CONTACT_CHECK = "contact page: is the address free? (one exact search, the platform's way)";

	/** Counted rounds of the cost phase (after one not counted). */
	private static final int COST_ROUNDS = 3;

	private static final List<String> TENANTS = List.of("fresnes", "ccplm", "ccve", "villennes", "velizy");

	private static final Pattern ACTIVATION_LINK = Pattern.compile("https?://\\S+/activation/([A-Za-z0-9_-]{43})");

	private final StringBuilder report = new StringBuilder();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.executor(Executors.newCachedThreadPool())
		.build();

	private final int citizens;

	private final Duration levelDuration;

	private final int costRegistrations;

	private final Duration thinkTime;

	private EmbeddedPostgresServer postgres;

	private EmbeddedKeycloak keycloak;

	private EmbeddedSmtp smtp;

	private KeycloakCallCounter counter;

	private Keycloak admin;

	private LoadBench(int citizens, Duration levelDuration, int costRegistrations, Duration thinkTime) {
		this.thinkTime = thinkTime;
		this.citizens = citizens;
		this.levelDuration = levelDuration;
		this.costRegistrations = costRegistrations;
	}

	public static void main(String[] args) throws Exception {
		// the harness's own JVM: the SMTP catcher's and PostgreSQL's INFO lines would
		// bury the report (not a logback.xml: the platform instances share this
		// classpath and must log as they do in production)
		for (String noisy : List.of("com.icegreen", "io.zonky")) {
			((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(noisy))
				.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		LoadBench bench = new LoadBench(Integer.parseInt(options.getOrDefault("citizens", "200")),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("level-seconds", "15"))),
				Integer.parseInt(options.getOrDefault("cost-registrations", "30")),
				Duration.ofMillis(Long.parseLong(options.getOrDefault("think-ms", "1000"))));
		int failures = bench.run(options.getOrDefault("phases", "probe,steps,cost,load,scaleout,pinned"));
		System.exit((failures == 0) ? 0 : 1);
	}

	private int run(String phases) throws Exception {
		Path out = Path.of("bench", "target");
		Files.createDirectories(out);
		line("# Load and registration benchmarks, " + Instant.now());
		line("");
		line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
				+ ManagementFactory.getOperatingSystemMXBean().getName() + ", Java "
				+ System.getProperty("java.version") + ", load average before start: " + loadAverage());
		long start = System.nanoTime();
		this.postgres = EmbeddedPostgresServer.shared();
		this.smtp = EmbeddedSmtp.shared();
		this.keycloak = EmbeddedKeycloak.shared();
		this.counter = new KeycloakCallCounter(this.keycloak.url());
		this.admin = KeycloakBuilder.builder()
			.serverUrl(this.keycloak.url())
			.realm("master")
			.clientId("admin-cli")
			.username(this.keycloak.adminUsername())
			.password(this.keycloak.adminPassword())
			.build();
		line("Embedded PostgreSQL, Keycloak 26.7.3 (dev-mem) and SMTP catcher ready in "
				+ seconds(System.nanoTime() - start) + " s");
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.url", this.postgres.jdbcUrl());
		settings.put("spring.datasource.username", this.postgres.username());
		settings.put("spring.datasource.password", this.postgres.password());
		settings.put("espace.keycloak.clusters.default.url", this.counter.url());
		settings.put("espace.keycloak.clusters.default.admin-username", this.keycloak.adminUsername());
		settings.put("espace.keycloak.clusters.default.admin-password", this.keycloak.adminPassword());
		settings.put("spring.mail.host", this.smtp.host());
		settings.put("spring.mail.port", Integer.toString(this.smtp.port()));
		settings.put("espace.tenants.dir", Path.of("tenants").toAbsolutePath().toString());
		// Every simulated person comes from 127.0.0.1: the per-address limits would stop
		// the
		// run after 30 submissions a minute. The limiter stays on (its filter runs on
		// every
		// request) with limits no single address of this run reaches.
		settings.put("espace.rate-limit.submissions-per-client", "1000000");
		settings.put("espace.rate-limit.submissions-per-tenant", "1000000");
		List<Platform> platforms = new ArrayList<>();
		int failures = 0;
		try {
			start = System.nanoTime();
			Platform first = new Platform("a", settings, out);
			platforms.add(first);
			first.awaitReady(TENANTS, Duration.ofMinutes(5));
			line("Platform instance A (pid " + first.pid() + ", port " + first.port() + ") ready in "
					+ seconds(System.nanoTime() - start) + " s");
			line("");
			if (phases.contains("probe")) {
				failures += probe(first);
			}
			if (phases.contains("steps")) {
				failures += steps(first);
			}
			if (phases.contains("cost")) {
				failures += cost(first);
			}
			if (phases.contains("load") || phases.contains("scaleout")) {
				start = System.nanoTime();
				Platform second = new Platform("b", settings, out);
				platforms.add(second);
				second.awaitReady(TENANTS, Duration.ofMinutes(5));
				line("Platform instance B (pid " + second.pid() + ", port " + second.port() + ") ready in "
						+ seconds(System.nanoTime() - start) + " s; it idles while the load runs against A alone");
				line("");
				LoadResult one = load("one instance (A)", "a", List.of(first));
				failures += one.failures();
				if (phases.contains("scaleout")) {
					LoadResult two = load("two instances (A and B, citizens spread round-robin)", "b",
							List.of(first, second));
					failures += two.failures();
					line("## Scale-out: two instances against one, same run");
					line("");
					line("| | one instance | two instances | ratio |");
					line("|---|---:|---:|---:|");
					line(String.format("| registrations/s | %.1f | %.1f | %.2f |", one.registrationsPerSecond(),
							two.registrationsPerSecond(), two.registrationsPerSecond() / one.registrationsPerSecond()));
					line(String.format("| HTTP requests/s | %.1f | %.1f | %.2f |", one.requestsPerSecond(),
							two.requestsPerSecond(), two.requestsPerSecond() / one.requestsPerSecond()));
					line(String.format("| p95 POST credentials ms | %.1f | %.1f | %.2f |", one.credentialsP95(),
							two.credentialsP95(), two.credentialsP95() / one.credentialsP95()));
					line("");
					line("Both instances, PostgreSQL, Keycloak and the load client share the same 2 cores, so a "
							+ "second instance cannot add CPU here; the ratio shows that a second instance "
							+ "serves its share with nothing lost, not the gain on separate machines.");
					line("");
				}
				failures += connectionPools(platforms.size());
			}
			if (phases.contains("pinned")) {
				failures += pinned(settings, out, platforms);
			}
		}
		finally {
			for (Platform platform : platforms) {
				platform.close();
			}
			this.counter.close();
			Files.writeString(out.resolve("load-results.md"), this.report);
		}
		line("Load average at the end: " + loadAverage() + "; failures: " + failures);
		Files.writeString(out.resolve("load-results.md"), this.report);
		return failures;
	}

	/** Keycloak calls per page view and per wizard step, one request at a time. */
	private int probe(Platform platform) throws Exception {
		line("## Keycloak calls per request (one citizen at a time, counted by the relay)");
		line("");
		long idleStart = this.counter.total();
		Thread.sleep(10_000);
		line("Keycloak calls while idle for 10 s (tenant file watcher, health): " + (this.counter.total() - idleStart));
		line("");
		Stats stats = new Stats();
		int failures = 0;
		line("| commune | request | Keycloak calls |");
		line("|---|---|---:|");
		for (String tenant : TENANTS) {
			Map<String, Long> calls = new LinkedHashMap<>();
			Browser browser = new Browser(this.http, platform.port(), tenant, stats).counting(this.counter, calls);
			for (int i = 0; i < 20; i++) {
				browser.get("GET / (x20)", "/").expect(200);
			}
			if (Citizens.SELF_REGISTERING.contains(tenant)) {
				try {
					Citizens.register(browser, tenant, "p", 1).expectText(Citizens.confirmationText(tenant));
				}
				catch (Browser.StepFailed ex) {
					failures++;
					line("probe failed: " + ex.getMessage());
				}
			}
			else {
				browser.get("GET /inscription", "/inscription").expect(200);
			}
			calls.forEach((step, n) -> line("| " + tenant + " | " + step + " | " + n + " |"));
		}
		line("");
		line("Keycloak calls by path during the probe and idle time: " + this.counter.byPath());
		line("");
		return failures + (int) stats.failures();
	}

	/** Wizard step latency at 1, 10 and 50 citizens, steps that do not call Keycloak. */
	private int steps(Platform platform) throws Exception {
		line("## Wizard step latency, steps that do not call Keycloak (Fresnes, welcome to the credentials page)");
		line("");
		line("Each citizen walks GET /inscription, then GET and POST of welcome, cgu, identity, address, contact, "
				+ "then GET credentials (the credentials POST creates the account in Keycloak: measured in the "
				+ "registration cost below), again and again for " + this.levelDuration.toSeconds()
				+ " s per level, after a 10 s warm-up at 10 citizens.");
		line("");
		walkSteps(platform, 10, 0, Duration.ofSeconds(10), new Stats());
		List<String> order = List.of("GET /inscription", "GET welcome", "POST welcome", "GET cgu", "POST cgu",
				"GET identity", "POST identity", "GET address", "POST address", "GET contact", "POST contact",
				"GET credentials");
		Map<Integer, Stats> levels = new LinkedHashMap<>();
		int failures = 0;
		// 1, 10 and 50 citizens pressing on without a pause (closed loop: the machine's
		// capacity), then 50 citizens each taking this.thinkTime on every page, still far
		// quicker than anyone reading and typing
		List<Integer> thinks = List.of(0, 0, 0, (int) this.thinkTime.toMillis());
		List<Integer> counts = List.of(1, 10, 50, 50);
		for (int i = 0; i < counts.size(); i++) {
			int level = counts.get(i);
			int think = thinks.get(i);
			Stats stats = new Stats();
			String load = loadAverage();
			long cpu = platform.cpuMillis();
			long pg = Cpu.postgresMillis(this.postgres.port());
			long start = System.nanoTime();
			walkSteps(platform, level, think, this.levelDuration, stats);
			double secs = (System.nanoTime() - start) / 1e9;
			double cpuPerRequest = (double) (platform.cpuMillis() - cpu) / stats.requests();
			double pgPerRequest = (double) (Cpu.postgresMillis(this.postgres.port()) - pg) / stats.requests();
			levels.put(i, stats);
			failures += (int) stats.failures();
			line(String.format(
					"### %d concurrent citizen(s)%s: %.0f requests/s, CPU per request: platform %.1f ms, PostgreSQL %.1f ms; load average before %s",
					level, (think > 0) ? ", " + think + " ms on each page before the next request" : ", no pause",
					stats.requests() / secs, cpuPerRequest, pgPerRequest, load));
			line("");
			line(stats.table(order));
		}
		line("Summary, p99 in ms (target: under 50 ms at 50 concurrent):");
		line("");
		line("| step | 1 | 10 | 50 | 50, " + this.thinkTime.toMillis() + " ms per page |");
		line("|---|---:|---:|---:|---:|");
		for (String step : order) {
			StringBuilder row = new StringBuilder("| " + step + " |");
			for (Stats stats : levels.values()) {
				double[] p = stats.percentiles(step);
				row.append((p != null) ? String.format(" %.1f |", p[2]) : " - |");
			}
			line(row.toString());
		}
		line("");
		return failures;
	}

	/**
	 * Page throughput of one instance bound to one core against two instances bound to a
	 * core each (PostgreSQL, Keycloak and the clients free to run anywhere): what a
	 * second instance adds when it has a processor of its own, as it would on another
	 * machine.
	 */
	private int pinned(Map<String, String> settings, Path out, List<Platform> platforms) throws Exception {
		line("## Scale-out, each instance on a core of its own (taskset)");
		line("");
		// the instances of the earlier phases go: their idle work would fall on either
		// core
		for (Platform earlier : platforms) {
			earlier.close();
		}
		platforms.clear();
		Platform c = new Platform("c", settings, out, 0);
		platforms.add(c);
		c.awaitReady(TENANTS, Duration.ofMinutes(5));
		Platform d = new Platform("d", settings, out, 1);
		platforms.add(d);
		d.awaitReady(TENANTS, Duration.ofMinutes(5));
		// warm both up alike, at the measured load, so that neither is measured cold (an
		// instance on one core compiles slowly: 20 s left the blocks still speeding up)
		walkSteps(List.of(c, d), 50, 0, Duration.ofSeconds(60), new Stats());
		double[] seconds = new double[2];
		Stats[] stats = { new Stats(), new Stats() };
		List<Double> rates = new ArrayList<>();
		List<List<Platform>> setups = List.of(List.of(c), List.of(c, d));
		// alternated (one, two, one, two, one, two): a slower minute of the shared
		// machine falls on both
		for (int round = 0; round < 6; round++) {
			int i = round % 2;
			long before = stats[i].requests();
			long start = System.nanoTime();
			walkSteps(setups.get(i), 50, 0, this.levelDuration, stats[i]);
			double elapsed = (System.nanoTime() - start) / 1e9;
			seconds[i] += elapsed;
			rates.add((stats[i].requests() - before) / elapsed);
		}
		line("50 citizens walking the wizard without a pause (the steps phase's closed loop), after 60 s of "
				+ "warm-up on both, in six blocks of " + this.levelDuration.toSeconds()
				+ " s alternated: instance C alone (bound to core 0), then C and D together (D bound to core 1), "
				+ "three times each. The instances of the earlier phases are stopped first.");
		line("");
		line("| | one instance, one core | two instances, a core each | ratio |");
		line("|---|---:|---:|---:|");
		double one = stats[0].requests() / seconds[0];
		double two = stats[1].requests() / seconds[1];
		line(String.format("| wizard requests/s | %.0f | %.0f | %.2f |", one, two, two / one));
		double[] p0 = stats[0].percentiles("GET identity");
		double[] p1 = stats[1].percentiles("GET identity");
		double p99one = (p0 != null) ? p0[2] : Double.NaN;
		double p99two = (p1 != null) ? p1[2] : Double.NaN;
		line(String.format("| p99 GET identity ms | %.1f | %.1f | %.2f |", p99one, p99two, p99two / p99one));
		line("");
		List<String> blocks = new ArrayList<>();
		List<String> ratios = new ArrayList<>();
		for (int i = 0; i < rates.size(); i++) {
			blocks.add(String.format("%.0f", rates.get(i)));
			if (i % 2 == 1) {
				ratios.add(String.format("%.2f", rates.get(i) / rates.get(i - 1)));
			}
		}
		line("Requests/s of each block in order (one, two, one, two, one, two): " + String.join(", ", blocks)
				+ "; each pair's ratio: " + String.join(", ", ratios) + ".");
		line("");
		return (int) (stats[0].failures() + stats[1].failures());
	}

	private void walkSteps(Platform platform, int concurrency, int thinkMillis, Duration duration, Stats stats)
			throws Exception {
		walkSteps(List.of(platform), concurrency, thinkMillis, duration, stats);
	}

	private void walkSteps(List<Platform> platforms, int concurrency, int thinkMillis, Duration duration, Stats stats)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long end = System.nanoTime() + duration.toNanos();
		AtomicInteger serial = new AtomicInteger();
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			done.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					int n = serial.incrementAndGet();
					Platform platform = platforms.get(n % platforms.size());
					Browser browser = new Browser(this.http, platform.port(), "fresnes", stats);
					try {
						String path = browser.get("GET /inscription", "/inscription").expect(302).location();
						while (!path.endsWith("/credentials")) {
							String slug = path.substring(path.lastIndexOf('/') + 1);
							Browser.Page page = browser.get("GET " + slug, path).expect(200);
							if (thinkMillis > 0) {
								// at random, so that the citizens do not move in step
								Thread.sleep(ThreadLocalRandom.current().nextInt(thinkMillis / 2, thinkMillis * 3 / 2));
							}
							Map<String, String> form = Citizens.values("fresnes", slug, "s", n);
							form.put("action", "next");
							form.put("_csrf", page.csrf());
							path = browser.post("POST " + slug, path, form).expect(302).location();
						}
						browser.get("GET credentials", path).expect(200);
					}
					catch (Browser.StepFailed ex) {
						// counted in stats
					}
				}
				return null;
			}));
		}
		for (Future<?> future : done) {
			future.get();
		}
		pool.shutdown();
	}

	/**
	 * Full wizard registrations through the platform against bare Admin API creations.
	 */
	private int cost(Platform platform) throws Exception {
		line("## Registration cost: platform wizard against bare Keycloak Admin API, same run");
		line("");
		RealmRepresentation ccve = this.admin.realm("ccve").toRepresentation();
		RealmRepresentation bare = new RealmRepresentation();
		bare.setRealm("bench-bare");
		bare.setEnabled(true);
		bare.setPasswordPolicy(ccve.getPasswordPolicy());
		this.admin.realms().create(bare);
		Keycloak relayed = KeycloakBuilder.builder()
			.serverUrl(this.counter.url())
			.realm("master")
			.clientId("admin-cli")
			.username(this.keycloak.adminUsername())
			.password(this.keycloak.adminPassword())
			.build();
		relayed.realm("bench-bare").toRepresentation();
		KeycloakForm.createRealm(this.admin, "bench-form", ccve);
		int concurrency = 4;
		int n = this.costRegistrations;
		line("Realm `bench-bare` has CCVE's password policy (`" + ccve.getPasswordPolicy()
				+ "`, Keycloak's default hashing); " + n + " registrations per block, " + concurrency
				+ " at a time, blocks alternated " + COST_ROUNDS
				+ " times (platform, bare, Keycloak's form, then again) after a "
				+ "first round of each that is not counted (warm-up); all go "
				+ "through the same Keycloak relay. Platform: CCVE's whole wizard (account type, consent, welcome, "
				+ "CGU, identity, address, contact, credentials: 17 HTTP requests, account active at once). Bare: "
				+ "one `POST /admin/realms/{realm}/users` with the same user and password. Keycloak's form: "
				+ "Keycloak's own registration page in realm `bench-form` (same policy, e-mail as username, as "
				+ "CCVE): GET the form, POST it, Keycloak signs the person in and redirects with a code.");
		line("");
		Stats stats = new Stats();
		long keycloakPid = Cpu.keycloakPid(this.keycloak.url()).orElse(-1L);
		double keycloakIdlePerSecond = 0;
		// per arm: seconds, platform JVM, Keycloak JVM, PostgreSQL (CPU ms), calls
		double[] platformArm = new double[5];
		double[] bareArm = new double[5];
		double[] formArm = new double[5];
		// Keycloak CPU ms per registration in each counted round: platform, bare, form
		List<String> rounds = new ArrayList<>();
		// a first round of each, not counted: JIT compilation in the three JVMs would
		// otherwise be charged to whichever arm runs first
		Stats warmUp = new Stats();
		int serial = 0;
		for (int round = 0; round <= COST_ROUNDS; round++) {
			if (round == 1) {
				// Keycloak's own background work (timers, GC, JIT), taken out of each
				// arm in proportion to its duration
				long idleFrom = Cpu.millis(keycloakPid);
				long idleStart = System.nanoTime();
				Thread.sleep(10_000);
				keycloakIdlePerSecond = (Cpu.millis(keycloakPid) - idleFrom) / ((System.nanoTime() - idleStart) / 1e9);
			}
			int from = serial;
			Stats into = (round == 0) ? warmUp : stats;
			double[] platformInto = new double[5];
			double[] bareInto = new double[5];
			double[] formInto = new double[5];
			measure(platformInto, platform, keycloakPid, () -> timed(concurrency, n, (i) -> {
				Browser browser = new Browser(this.http, platform.port(), "ccve", into);
				Citizens.register(browser, "ccve", "c", from + i).expectText(Citizens.confirmationText("ccve"));
			}));
			measure(bareInto, platform, keycloakPid, () -> timed(concurrency, n, (i) -> {
				UserRepresentation user = bareUser(Citizens.email("c", "bare", from + i));
				long start = System.nanoTime();
				try (Response response = relayed.realm("bench-bare").users().create(user)) {
					into.record("bare create", System.nanoTime() - start);
					if (response.getStatus() != 201) {
						into.fail("bare create", "HTTP " + response.getStatus());
					}
				}
			}));
			measure(formInto, platform, keycloakPid,
					() -> timed(concurrency, n,
							(i) -> new KeycloakForm(this.http, this.counter.url(), "bench-form", into)
								.register(Citizens.email("c", "form", from + i), Citizens.PASSWORD)));
			serial += n;
			if (round > 0) {
				add(platformArm, platformInto);
				add(bareArm, bareInto);
				add(formArm, formInto);
				rounds
					.add(String.format("%.0f / %.0f / %.0f", perRegistration(platformInto, n, keycloakIdlePerSecond)[1],
							perRegistration(bareInto, n, keycloakIdlePerSecond)[1],
							perRegistration(formInto, n, keycloakIdlePerSecond)[1]));
			}
		}
		int total = COST_ROUNDS * n;
		line("| | registrations | seconds | per second |");
		line("|---|---:|---:|---:|");
		line(String.format("| platform, full wizard | %d | %.1f | %.2f |", total, platformArm[0],
				total / platformArm[0]));
		line(String.format("| Keycloak Admin API alone | %d | %.1f | %.2f |", total, bareArm[0], total / bareArm[0]));
		line(String.format("| Keycloak's own registration form | %d | %.1f | %.2f |", total, formArm[0],
				total / formArm[0]));
		line("");
		line(String.format(
				"Wall-clock cost of the platform over Keycloak's own: **%+.0f%%** against the Admin API, **%+.0f%%** "
						+ "against Keycloak's form (target: at most +15%%; everything shares the same 2 cores).",
				(platformArm[0] / bareArm[0] - 1) * 100, (platformArm[0] / formArm[0] - 1) * 100));
		line("");
		line(String.format("CPU time per registration (from /proc; other work on the machine does not inflate it). "
				+ "Keycloak's own background work, measured over 10 s idle after the warm-up (%.1f ms per second), "
				+ "is taken out of each arm in proportion to its duration:", keycloakIdlePerSecond));
		line("");
		line("| | platform JVM ms | Keycloak JVM ms | PostgreSQL ms (platform's database) | total ms |");
		line("|---|---:|---:|---:|---:|");
		double[] p = perRegistration(platformArm, total, keycloakIdlePerSecond);
		double[] b = perRegistration(bareArm, total, keycloakIdlePerSecond);
		double[] f = perRegistration(formArm, total, keycloakIdlePerSecond);
		line(String.format("| platform, full wizard | %.1f | %.1f | %.1f | %.1f |", p[0], p[1], p[2],
				p[0] + p[1] + p[2]));
		line(String.format("| Keycloak Admin API alone | - | %.1f | - | %.1f |", b[1], b[1]));
		line(String.format("| Keycloak's own registration form | - | %.1f | - | %.1f |", f[1], f[1]));
		line("");
		line(String.format("Keycloak calls per registration (counted by the relay): platform %.1f, Admin API %.1f, "
				+ "Keycloak's form %.1f. Keycloak ms per registration in each counted round (platform / Admin API / "
				+ "form): %s.", platformArm[4] / total, bareArm[4] / total, formArm[4] / total,
				String.join("; ", rounds)));
		line("");
		line(String.format("Keycloak's work per registration through the platform against its own: **%+.0f%%** "
				+ "against the Admin API creation, **%+.0f%%** against its form. Whole CPU (platform, Keycloak, "
				+ "PostgreSQL) against the Admin API creation: **%+.0f%%**; against Keycloak's form: **%+.0f%%** "
				+ "(Keycloak in dev-mem keeps its database inside its JVM, so its database work is in its column).",
				(p[1] / b[1] - 1) * 100, (p[1] / f[1] - 1) * 100, ((p[0] + p[1] + p[2]) / b[1] - 1) * 100,
				((p[0] + p[1] + p[2]) / f[1] - 1) * 100));
		line("");
		line(stats.table(List.of("POST credentials", "bare create", "KC form GET", "KC form POST")));
		keycloakBreakdown(relayed, keycloakPid, keycloakIdlePerSecond, stats, n, total / platformArm[0]);
		relayed.close();
		return (int) (stats.failures() + warmUp.failures());
	}

	/** The user of the Admin API arm: CCVE's test citizen, enabled, with the password. */
	private static UserRepresentation bareUser(String email) {
		UserRepresentation user = new UserRepresentation();
		user.setUsername(email);
		user.setEmail(email);
		user.setFirstName("Test");
		user.setLastName("Groupe Fictif");
		user.setEnabled(true);
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(Citizens.PASSWORD);
		credential.setTemporary(false);
		user.setCredentials(List.of(credential));
		return user;
	}

	/**
	 * Runs the task {@code count} times, 4 at a time.
	 * @return Keycloak's CPU ms per task, less its idle work over the time taken, and
	 * that time in seconds
	 */
	private double[] keycloakMillisPerTask(long keycloakPid, double idlePerSecond, int count, IndexedTask task)
			throws Exception {
		long k0 = Cpu.millis(keycloakPid);
		double seconds = timed(4, count, task);
		return new double[] { (Cpu.millis(keycloakPid) - k0 - idlePerSecond * seconds) / count, seconds };
	}

	/** Runs one block and adds its seconds and the CPU each process used to the arm. */
	private void measure(double[] arm, Platform platform, long keycloakPid, Timed block) throws Exception {
		long p0 = platform.cpuMillis();
		long k0 = Cpu.millis(keycloakPid);
		long g0 = Cpu.postgresMillis(this.postgres.port());
		long calls = this.counter.total();
		arm[0] += block.run();
		arm[1] += platform.cpuMillis() - p0;
		arm[2] += Cpu.millis(keycloakPid) - k0;
		arm[3] += Cpu.postgresMillis(this.postgres.port()) - g0;
		arm[4] += this.counter.total() - calls;
	}

	private static void add(double[] sum, double[] part) {
		for (int i = 0; i < sum.length; i++) {
			sum[i] += part[i];
		}
	}

	/**
	 * Platform, Keycloak (less its idle work over the arm's time) and PostgreSQL ms per
	 * registration.
	 */
	private static double[] perRegistration(double[] arm, int registrations, double keycloakIdlePerSecond) {
		return new double[] { arm[1] / registrations, (arm[2] - keycloakIdlePerSecond * arm[0]) / registrations,
				arm[3] / registrations };
	}

	/**
	 * Keycloak's CPU for each call the platform makes in a CCVE registration, replayed
	 * directly: the creation as the platform sends it (registration id attribute, e-mail
	 * not yet verified) and the contact page's "is this address free?" question, in the
	 * platform's one search and as two exact lookups.
	 */
	private void keycloakBreakdown(Keycloak relayed, long keycloakPid, double idlePerSecond, Stats stats, int n,
			double platformRate) throws Exception {
		line("### Where Keycloak's work per platform registration goes");
		line("");
		line("Each call the platform makes to Keycloak in a CCVE registration, replayed " + (2 * n)
				+ " times directly (4 at a time) after as many not counted, Keycloak CPU per call less its idle work:");
		line("");
		line("| call | Keycloak ms per call |");
		line("|---|---:|");
		UsersResource users = relayed.realm("ccve").users();
		Map<String, IndexedTask> calls = new LinkedHashMap<>();
		calls.put("the Admin API arm's creation, for comparison (realm `bench-bare`, no attribute)", (i) -> {
			UserRepresentation user = bareUser(Citizens.email("c", "replay-bare", i));
			try (Response response = relayed.realm("bench-bare").users().create(user)) {
				if (response.getStatus() != 201) {
					stats.fail("replayed bare create", "HTTP " + response.getStatus());
				}
			}
		});
		calls.put(PLATFORM_CREATION, (i) -> {
			// as CitizenAccounts.create sends it
			UserRepresentation user = bareUser(Citizens.email("c", "replay", i));
			user.setEmailVerified(false);
			user.setAttributes(Map.of(CitizenAccounts.REGISTRATION_ID, List.of(UUID.randomUUID().toString())));
			try (Response response = users.create(user)) {
				if (response.getStatus() != 201) {
					stats.fail("replayed create", "HTTP " + response.getStatus());
				}
			}
		});
		calls.put(CONTACT_CHECK, (i) -> users.search("\"" + Citizens.email("c", "free", i) + "\"", 0, 20, true));
		calls.put("contact page: the same as two exact lookups (username, then e-mail)", (i) -> {
			users.searchByUsername(Citizens.email("c", "free", i), true);
			users.searchByEmail(Citizens.email("c", "free", i), true);
		});
		for (Map.Entry<String, IndexedTask> call : calls.entrySet()) {
			// warm-up: the same number of calls, not counted (other users, other
			// addresses)
			timed(4, 2 * n, (i) -> call.getValue().run(100_000 + i));
			line(String.format("| %s | %.1f |", call.getKey(),
					keycloakMillisPerTask(keycloakPid, idlePerSecond, 2 * n, call.getValue())[0]));
		}
		line("");
		// the platform's two calls again, at the pace the platform arm made them, with
		// the platform idle: whether Keycloak's extra work in that arm comes with the
		// pace or with the platform running beside it on the same cores
		long taskNanos = (long) (4e9 / platformRate);
		IndexedTask paced = (i) -> {
			long start = System.nanoTime();
			calls.get(CONTACT_CHECK).run(200_000 + i);
			calls.get(PLATFORM_CREATION).run(200_000 + i);
			long left = taskNanos - (System.nanoTime() - start);
			if (left > 0) {
				Thread.sleep(left / 1_000_000);
			}
		};
		double[] msAndSeconds = keycloakMillisPerTask(keycloakPid, idlePerSecond, 2 * n, paced);
		line(String.format("The check and the creation together, replayed at the platform arm's pace (%.2f "
				+ "registrations/s, %.1f s) with the platform idle: **%.1f ms** of Keycloak CPU per registration.",
				2 * n / msAndSeconds[1], msAndSeconds[1], msAndSeconds[0]));
		line("");
	}

	private double timed(int concurrency, int n, IndexedTask task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long start = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int index = i;
			done.add(pool.submit(() -> {
				try {
					task.run(index);
				}
				catch (Browser.StepFailed ex) {
					// counted in stats
				}
				return null;
			}));
		}
		for (Future<?> future : done) {
			future.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		return seconds;
	}

	/**
	 * 200 citizens at once over the four self-registering communes, Vélizy page views.
	 */
	private LoadResult load(String title, String run, List<Platform> platforms) throws Exception {
		line("## Load: " + this.citizens + " citizens registering at once, " + title);
		line("");
		Map<String, Integer> usersBefore = new LinkedHashMap<>();
		for (String tenant : Citizens.SELF_REGISTERING) {
			usersBefore.put(tenant, this.admin.realm(tenant).users().count());
		}
		int perTenant = this.citizens / Citizens.SELF_REGISTERING.size();
		int visitors = perTenant;
		Stats stats = new Stats();
		Map<String, AtomicInteger> accepted = new LinkedHashMap<>();
		Map<String, AtomicInteger> activated = new LinkedHashMap<>();
		Citizens.SELF_REGISTERING.forEach((t) -> {
			accepted.put(t, new AtomicInteger());
			activated.put(t, new AtomicInteger());
		});
		int threads = perTenant * Citizens.SELF_REGISTERING.size() + visitors;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		AtomicInteger registering = new AtomicInteger(perTenant * Citizens.SELF_REGISTERING.size());
		AtomicBoolean registrationsDone = new AtomicBoolean();
		long[] registrationsEnd = new long[1];
		List<Future<?>> done = new ArrayList<>();
		int index = 0;
		String load = loadAverage();
		for (int n = 0; n < perTenant; n++) {
			for (String tenant : Citizens.SELF_REGISTERING) {
				Platform platform = platforms.get(index++ % platforms.size());
				int number = n;
				done.add(pool.submit(() -> {
					go.await();
					Browser browser = new Browser(this.http, platform.port(), tenant, stats);
					boolean confirmed = false;
					try {
						browser.get("GET / (home)", "/").expect(200);
						Citizens.register(browser, tenant, run, number).expectText(Citizens.confirmationText(tenant));
						accepted.get(tenant).incrementAndGet();
						confirmed = true;
					}
					catch (Browser.StepFailed ex) {
						// counted in stats
					}
					finally {
						if (registering.decrementAndGet() == 0) {
							registrationsEnd[0] = System.nanoTime();
							registrationsDone.set(true);
						}
					}
					// a citizen whose registration failed is owed no mail
					if (confirmed && (tenant.equals("fresnes") || tenant.equals("ccplm"))) {
						activate(browser, platform, tenant, Citizens.email(run, tenant, number), stats, activated);
					}
					return null;
				}));
			}
		}
		for (int v = 0; v < visitors; v++) {
			Platform platform = platforms.get(index++ % platforms.size());
			done.add(pool.submit(() -> {
				go.await();
				Browser browser = new Browser(this.http, platform.port(), "velizy", stats);
				try {
					browser.get("GET / (home)", "/").expect(200);
					browser.get("GET /inscription (Vélizy: accounts made by staff)", "/inscription")
						.expect(200)
						.expectText("créés par les services de la commune");
					browser.get("GET / (home)", "/").expect(200);
				}
				catch (Browser.StepFailed ex) {
					// counted in stats
				}
				return null;
			}));
		}
		long[] cpuBefore = platforms.stream().mapToLong(Platform::cpuMillis).toArray();
		long keycloakPid = Cpu.keycloakPid(this.keycloak.url()).orElse(-1L);
		long keycloakBefore = Cpu.millis(keycloakPid);
		long start = System.nanoTime();
		go.countDown();
		for (Future<?> future : done) {
			future.get();
		}
		long end = System.nanoTime();
		pool.shutdown();
		long platformCpu = 0;
		for (int i = 0; i < platforms.size(); i++) {
			platformCpu += platforms.get(i).cpuMillis() - cpuBefore[i];
		}
		long keycloakCpu = Cpu.millis(keycloakPid) - keycloakBefore;
		double registrationSeconds = (registrationsEnd[0] - start) / 1e9;
		double totalSeconds = (end - start) / 1e9;
		int acceptedTotal = accepted.values().stream().mapToInt(AtomicInteger::get).sum();
		line(String.format(
				"%d registrations submitted (%d per commune) and %d Vélizy visitors, all started at once; load average before: %s, after: %s.",
				perTenant * 4, perTenant, visitors, load, loadAverage()));
		line(String.format(
				"All registrations confirmed in %.1f s (**%.1f registrations/s**); with the mailed-link activations, %.1f s; %d HTTP requests (**%.0f requests/s**); failed requests: %d.",
				registrationSeconds, acceptedTotal / registrationSeconds, totalSeconds, stats.requests(),
				stats.requests() / totalSeconds, stats.failures()));
		line(String.format(
				"\"Service momentanément indisponible\" pages (503, draft kept: more submissions than the instance lets call Keycloak at once), each answered by Réessayer after 5 s: %d.",
				stats.busyPages()));
		line(String.format(
				"CPU used during the run: platform instance(s) %.1f s, Keycloak %.1f s (%.0f ms and %.0f ms per registration, page views and activations included).",
				platformCpu / 1000.0, keycloakCpu / 1000.0, (double) platformCpu / Math.max(1, acceptedTotal),
				(double) keycloakCpu / Math.max(1, acceptedTotal)));
		line("");
		line(stats.table(List.of("GET / (home)", "GET /inscription", "GET account-type", "POST account-type",
				"GET consent", "POST consent", "GET welcome", "POST welcome", "GET cgu", "POST cgu", "GET identity",
				"POST identity", "GET address", "POST address", "GET contact", "POST contact", "GET credentials",
				"POST credentials", "GET confirmation", "mail received", "GET activation", "POST activation")));
		stats.failureSamples().forEach((s) -> line("- failure: " + s));
		int lost = verify(run, perTenant, usersBefore, accepted, activated);
		return new LoadResult((int) stats.failures() + lost + (perTenant * 4 - acceptedTotal),
				acceptedTotal / registrationSeconds, stats.requests() / totalSeconds,
				percentile(stats, "POST credentials"));
	}

	private void activate(Browser browser, Platform platform, String tenant, String email, Stats stats,
			Map<String, AtomicInteger> activated) {
		long start = System.nanoTime();
		String token = null;
		while (token == null && System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
			token = activationToken(email);
			if (token == null) {
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		if (token == null) {
			stats.fail("mail received", "no activation mail to " + email);
			return;
		}
		stats.record("mail received", System.nanoTime() - start);
		try {
			Browser fromMail = new Browser(this.http, platform.port(), tenant, stats);
			Browser.Page page = fromMail.get("GET activation", "/activation/" + token).expect(200);
			fromMail.post("POST activation", "/activation/" + token, Map.of("_csrf", page.csrf()))
				.expect(200)
				.expectText("Votre espace est activé");
			activated.get(tenant).incrementAndGet();
		}
		catch (Browser.StepFailed ex) {
			// counted in stats
		}
	}

	private String activationToken(String email) {
		for (MimeMessage message : this.smtp.receivedMessages()) {
			try {
				for (Address to : message.getRecipients(Message.RecipientType.TO)) {
					if (to.toString().contains(email)) {
						Matcher matcher = ACTIVATION_LINK.matcher(text(message.getContent()));
						if (matcher.find()) {
							return matcher.group(1);
						}
					}
				}
			}
			catch (Exception ex) {
				// a mail being read while it arrives: look again next time
			}
		}
		return null;
	}

	private static String text(Object content) throws Exception {
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof Multipart multipart) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				out.append(text(part.getContent()));
			}
			return out.toString();
		}
		return "";
	}

	/**
	 * No account lost or doubled: Keycloak realms and tenant schemas against what was
	 * accepted.
	 */
	private int verify(String run, int perTenant, Map<String, Integer> usersBefore, Map<String, AtomicInteger> accepted,
			Map<String, AtomicInteger> activated) throws Exception {
		line("Checks after the run (Keycloak Admin API, each commune's schema):");
		line("");
		line("| commune | submitted | accepted | Keycloak users added | found once by login | enabled as the rule says | registrations in schema (distinct) | activated by mail |");
		line("|---|---:|---:|---:|---:|---:|---:|---:|");
		int problems = 0;
		try (Connection db = DriverManager.getConnection(this.postgres.jdbcUrl(), this.postgres.username(),
				this.postgres.password())) {
			for (String tenant : Citizens.SELF_REGISTERING) {
				int added = this.admin.realm(tenant).users().count() - usersBefore.get(tenant);
				int once = 0;
				int rightState = 0;
				for (int n = 0; n < perTenant; n++) {
					List<UserRepresentation> found = this.admin.realm(tenant)
						.users()
						.searchByUsername(Citizens.login(run, tenant, n), true);
					if (found.size() == 1) {
						once++;
						boolean enabled = Boolean.TRUE.equals(found.get(0).isEnabled());
						if (enabled == !tenant.equals("villennes")) {
							rightState++;
						}
					}
				}
				int rows;
				int distinct;
				try (PreparedStatement statement = db
					.prepareStatement("select count(*), count(distinct username) from t_" + tenant
							+ ".registration where username like ?")) {
					statement.setString(1, Citizens.login(run, tenant, 0).replaceAll("0(@example\\.fr)?$", "") + "%");
					try (ResultSet result = statement.executeQuery()) {
						result.next();
						rows = result.getInt(1);
						distinct = result.getInt(2);
					}
				}
				int ok = accepted.get(tenant).get();
				boolean mailed = tenant.equals("fresnes") || tenant.equals("ccplm");
				line(String.format("| %s | %d | %d | %d | %d | %d | %d (%d) | %s |", tenant, perTenant, ok, added, once,
						rightState, rows, distinct, mailed ? Integer.toString(activated.get(tenant).get()) : "-"));
				if (added != ok || once != ok || rightState != ok || rows != ok || distinct != ok
						|| (mailed && activated.get(tenant).get() != ok)) {
					problems++;
				}
			}
		}
		line("");
		line((problems == 0) ? "Nothing lost, nothing doubled." : "**" + problems + " commune(s) with a mismatch.**");
		line("");
		return problems;
	}

	/**
	 * One connection pool for all communes: connections held by the platform instances.
	 */
	private int connectionPools(int instances) throws Exception {
		try (Connection db = DriverManager.getConnection(this.postgres.jdbcUrl(), this.postgres.username(),
				this.postgres.password());
				PreparedStatement statement = db.prepareStatement(
						"select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()");
				ResultSet result = statement.executeQuery()) {
			result.next();
			int connections = result.getInt(1);
			line("PostgreSQL client connections held by " + instances + " platform instance(s) serving "
					+ TENANTS.size() + " communes after the load: " + connections
					+ " (Hikari's default pool is 10 per instance: one pool for all communes, schema set per connection).");
			line("");
			return 0;
		}
	}

	private static double percentile(Stats stats, String step) {
		double[] p = stats.percentiles(step);
		return (p != null) ? p[1] : Double.NaN;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String seconds(long nanos) {
		return String.format("%.1f", nanos / 1e9);
	}

	private void line(String text) {
		System.out.println(text);
		this.report.append(text).append('\n');
	}

	@FunctionalInterface
	private interface Timed {

		double run() throws Exception;

	}

	private interface IndexedTask {

		void run(int index) throws Exception;

	}

	private record LoadResult(int failures, double registrationsPerSecond, double requestsPerSecond,
			double credentialsP95) {
	}

}
