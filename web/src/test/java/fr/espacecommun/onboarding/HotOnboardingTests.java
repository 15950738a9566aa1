package fr.espacecommun.onboarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenancy.TenantStatuses;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.testsupport.TenantsFolder;
import fr.espacecommun.wizard.web.Citizen;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static fr.espacecommun.wizard.web.Citizen.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A running platform picks up a new commune's file, and refuses a broken edit of an
 * existing one while that commune keeps serving, without a restart; operators see each
 * outcome on {@code /platform} (plan applied, refused file with line:column).
 */
@SpringBootTest
@AutoConfigureMockMvc
class HotOnboardingTests {

	private static final Path TENANTS = TenantsFolder.copy();

	/**
	 * The registration of an operator's session, as signing in through the operators'
	 * realm leaves it (the sign-in itself is tested over HTTP in
	 * StaffPagesSecurityTests).
	 */
	private static final ClientRegistration OPERATORS_REALM = ClientRegistration.withRegistrationId("platform")
		.clientId("espace-commun-web")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("http://localhost/realms/platform/protocol/openid-connect/auth")
		.tokenUri("http://localhost/realms/platform/protocol/openid-connect/token")
		.build();

	@DynamicPropertySource
	static void tenants(DynamicPropertyRegistry registry) {
		registry.add("espace.tenants.dir", TENANTS::toString);
		registry.add("espace.tenants.reload-interval", () -> "PT0.5S");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TenantStatuses statuses;

	@Autowired
	private ScheduledTaskHolder scheduledTasks;

	@Autowired
	private TaskScheduler scheduler;

	@Test
	void newTenantFileWhenDroppedInThenSixthCommuneServedWithItsRealmAndSchemaWithin30Seconds() throws Exception {
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		String sixth = fresnes.replace("id: fresnes", "id: sixieme")
			.replace("name: Ville de Fresnes", "name: Ville de Sixième-sur-Test")
			.replace("- fresnes.localhost", "- sixieme.localhost")
			.replace("- fresnes.espace-commun.fr", "- sixieme.espace-commun.fr");
		long start = System.nanoTime();
		writeAtomically(TENANTS.resolve("sixieme.yaml"), sixth);

		String page = waitFor(Duration.ofSeconds(30), () -> {
			MvcResult result = this.mvc.perform(get("/").with((request) -> {
				request.setServerName("sixieme.localhost");
				return request;
			})).andReturn();
			return (result.getResponse().getStatus() == 200
					&& this.registry.find("sixieme").map((row) -> row.status() == TenantStatus.SERVING).orElse(false))
							? HtmlUtils.htmlUnescape(result.getResponse().getContentAsString()) : null;
		});
		System.out.printf("Sixth commune serving %d ms after its file appeared%n",
				(System.nanoTime() - start) / 1_000_000);

		assertThat(page).contains("Ville de Sixième-sur-Test", "Créer mon espace");
		assertThat(this.clusters.forCluster("default").realm("sixieme").toRepresentation().getDisplayName())
			.isEqualTo("Espace Famille");
		assertThat(this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = 't_sixieme'", String.class))
			.contains("citizen_profile", "registration", "wizard_draft");

		String platform = platformPage();
		assertThat(row(platform, "sixieme")).contains("Ville de Sixième-sur-Test (sixieme)", "En service", "default",
				"sixieme.localhost, sixieme.espace-commun.fr", "Plan appliqué le",
				"création du royaume Keycloak sixieme", "création du schéma t_sixieme",
				"adresse ajoutée : sixieme.localhost", "adresse ajoutée : sixieme.espace-commun.fr",
				"Suspendre Ville de Sixième-sur-Test");
		assertThat(this.registry.find("sixieme").orElseThrow().lastPlanAt()).isAfter(Instant.now().minusSeconds(60));
	}

	@Test
	void changedTenantFileWhenAppliedThenPlatformShowsThePlanOfTheChange() throws Exception {
		Path file = TENANTS.resolve("ccplm.yaml");
		String good = Files.readString(file);
		try {
			writeAtomically(file,
					good.replace("- ccplm.espace-commun.fr", "- ccplm.espace-commun.fr\n  - portail.ccplm.localhost"));

			waitFor(Duration.ofSeconds(30),
					() -> this.catalog.byId("ccplm")
						.filter((tenant) -> tenant.hosts().contains("portail.ccplm.localhost"))
						.flatMap((tenant) -> this.registry.find("ccplm"))
						.filter((row) -> row.status() == TenantStatus.SERVING && row.lastPlan() != null
								&& row.lastPlan().contains("portail.ccplm.localhost"))
						.orElse(null));

			assertThat(row(platformPage(), "ccplm"))
				.contains("En service", "Plan appliqué le", "adresse ajoutée : portail.ccplm.localhost",
						"schéma t_ccplm existant")
				.doesNotContain("création du royaume");
		}
		finally {
			writeAtomically(file, good);
		}
	}

	@Test
	void newTenantFileWhenBrokenThenRefusedInTheRegistryWithLineAndColumnAndNotServed() throws Exception {
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		String bad = fresnes.replace("id: fresnes", "id: septieme")
			.replace("name: Ville de Fresnes", "name: Ville de Septième-sur-Test")
			.replace("- fresnes.localhost", "- septieme.localhost")
			.replace("- fresnes.espace-commun.fr", "- septieme.espace-commun.fr")
			.replace("minLength: 8", "minLength: 4");
		int line = lineOf(bad, "minLength: 4");
		String at = "septieme.yaml:" + line + ":" + (columnOf(bad, "minLength: 4") + "minLength: ".length()) + ": [";
		writeAtomically(TENANTS.resolve("septieme.yaml"), bad);
		try {
			TenantRegistration refused = waitFor(Duration.ofSeconds(30),
					() -> this.registry.find("septieme")
						.filter((row) -> row.status() == TenantStatus.REFUSED)
						.orElse(null));

			assertThat(refused.lastError()).startsWith(at);
			String page = platformPage();
			assertThat(row(page, "septieme")).contains("Configuration refusée", "Erreur", at)
				.doesNotContain("Suspendre");
			assertThat(
					this.mvc.perform(get("/").with(host("septieme.localhost"))).andReturn().getResponse().getStatus())
				.isEqualTo(404);
		}
		finally {
			Files.delete(TENANTS.resolve("septieme.yaml"));
		}
	}

	@Test
	void brokenEditWhenSavedThenRefusedWithLineAndColumnAndTheCommuneKeepsServing() throws Exception {
		Path file = TENANTS.resolve("villennes.yaml");
		String good = Files.readString(file);
		try {
			writeAtomically(file, good.replace("minLength: 12", "minLength: 4"));

			TenantConfigError error = waitFor(Duration.ofSeconds(30),
					() -> this.catalog.errors()
						.stream()
						.filter((candidate) -> candidate.file().getFileName().toString().equals("villennes.yaml"))
						.findFirst()
						.orElse(null));

			assertThat(error.rule()).contains("password");
			assertThat(error.line()).isEqualTo(lineOf(good, "minLength: 12"));
			assertThat(this.catalog.byId("villennes").orElseThrow().passwordPolicy().minLength()).isEqualTo(12);
			String page = HtmlUtils.htmlUnescape(this.mvc.perform(get("/").with((request) -> {
				request.setServerName("villennes.localhost");
				return request;
			})).andReturn().getResponse().getContentAsString());
			assertThat(page).contains("Ville de Villennes-sur-Seine");
			assertThat(this.clusters.forCluster("default").realm("villennes").toRepresentation().getPasswordPolicy())
				.contains("length(12)");

			TenantRegistration row = waitFor(Duration.ofSeconds(10),
					() -> this.registry.find("villennes").filter((r) -> r.pendingError() != null).orElse(null));
			String expected = "villennes.yaml:" + error.line() + ":" + error.column() + ": [" + error.rule() + "]";
			assertThat(row.pendingError()).startsWith(expected);
			assertThat(row.status()).isEqualTo(TenantStatus.SERVING);
			assertThat(row(platformPage(), "villennes")).contains("En service", "Modification refusée",
					"la commune reste servie avec sa dernière configuration valide", expected);
		}
		finally {
			writeAtomically(file, good);
		}
		waitFor(Duration.ofSeconds(10),
				() -> this.registry.find("villennes").filter((r) -> r.pendingError() == null).orElse(null));
		assertThat(row(platformPage(), "villennes")).doesNotContain("Modification refusée");
	}

	/**
	 * Hostile files (values multiplied by aliases under the alias limit, 20 MiB of text)
	 * sit in the watched folder: they are refused at their line, the other communes
	 * serve, and the outbox retries and the draft purge keep running on the scheduler
	 * while the watcher reads them on its own thread. Once deleted, their rows leave
	 * {@code /platform}.
	 */
	@Test
	void hostileFilesWhenInTheWatchedFolderThenRefusedWhileCommunesServeAndScheduledJobsRun() throws Exception {
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		StringBuilder bomb = new StringBuilder(fresnes.replace("id: fresnes", "id: bombe")
			.replace("- fresnes.localhost", "- bombe.localhost")
			.replace("- fresnes.espace-commun.fr", "- bombe.espace-commun.fr"));
		// twenty aliases (the limit), each level doubling fifty values: 51 200 values
		bomb.append("\nb0: &b0 [").append("1, ".repeat(49)).append("1]\n");
		for (int i = 1; i <= 10; i++) {
			bomb.append("b")
				.append(i)
				.append(": &b")
				.append(i)
				.append(" [*b")
				.append(i - 1)
				.append(", *b")
				.append(i - 1)
				.append("]\n");
		}
		writeAtomically(TENANTS.resolve("bombe.yaml"), bomb.toString());
		writeAtomically(TENANTS.resolve("enorme.yaml"),
				fresnes.replace("id: fresnes", "id: enorme") + ("#" + "x".repeat(98) + "\n").repeat(210_000));
		UUID draft = UUID.randomUUID();
		this.jdbc.update("insert into t_fresnes.wizard_draft (id, current_step, reached_page, account_type, version, "
				+ "created_at, updated_at, expires_at) values (?, 'cgu', 0, 'personal', 0, now() - interval '2 days', "
				+ "now() - interval '2 days', now() - interval '1 day')", draft);
		Instant retriesBefore = Instant.now();
		// the outbox retry and the draft purge, as the scheduler runs them, now, while
		// the
		// watcher reads the hostile files (their own schedule is every 30 s and every
		// hour)
		this.scheduler.schedule(scheduledJob("OutboxRetries.scheduled"), Instant.now());
		this.scheduler.schedule(scheduledJob("PurgeSchedule.purge"), Instant.now());
		try {
			waitFor(Duration.ofSeconds(30), () -> this.registry.find("bombe")
				.filter((row) -> row.status() == TenantStatus.REFUSED
						&& row.lastError().contains("[yaml.too-many-nodes]"))
				.flatMap((row) -> this.registry.find("enorme"))
				.filter((row) -> row.status() == TenantStatus.REFUSED && row.lastError().contains("[file.too-large]"))
				.orElse(null));
			// the draft purge ran: the expired draft is gone
			waitFor(Duration.ofSeconds(30),
					() -> (this.jdbc.queryForObject("select count(*) from t_fresnes.wizard_draft where id = ?",
							Integer.class, draft) == 0) ? draft : null);
			// an outbox retry round ran (its lock, taken at each round, moved on)
			waitFor(Duration.ofSeconds(30), () -> this.jdbc
				.queryForList("select locked_at from platform.shedlock where name = 'outbox-retries'", Timestamp.class)
				.stream()
				.filter((lockedAt) -> lockedAt.toInstant().isAfter(retriesBefore))
				.findFirst()
				.orElse(null));
			assertThat(this.mvc.perform(get("/").with(host("fresnes.localhost"))).andReturn().getResponse().getStatus())
				.isEqualTo(200);
			assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("tenant-watcher");
			assertThat(row(platformPage(), "bombe")).contains("Configuration refusée", "[yaml.too-many-nodes]");
		}
		finally {
			Files.deleteIfExists(TENANTS.resolve("bombe.yaml"));
			Files.deleteIfExists(TENANTS.resolve("enorme.yaml"));
		}
		waitFor(Duration.ofSeconds(30),
				() -> (this.registry.find("bombe").isEmpty() && this.registry.find("enorme").isEmpty()) ? "gone"
						: null);
		assertThat(platformPage()).doesNotContain("id=\"tenant-bombe\"", "id=\"tenant-enorme\"");
	}

	/** The scheduled job whose method's name ends so. */
	private Runnable scheduledJob(String method) {
		return this.scheduledTasks.getScheduledTasks()
			.stream()
			.map((task) -> task.getTask().getRunnable())
			.filter((runnable) -> runnable.toString().endsWith(method))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No scheduled job " + method));
	}

	/**
	 * A commune whose realm and schema are not there yet (its onboarding under way, or
	 * failed and owed a retry) answers a French "opening soon" page, never a 500 nor its
	 * wizard.
	 */
	@Test
	void communeNotWholeYetWhenVisitedThenOpeningSoonPage() throws Exception {
		TenantRegistration before = this.registry.find("velizy").orElseThrow();
		this.jdbc.update("update platform.tenant set status = 'PENDING', provisioned_at = null, last_plan_at = null "
				+ "where id = 'velizy'");
		this.statuses.invalidate("velizy");
		try {
			MvcResult result = this.mvc.perform(get("/inscription").with(host("velizy.localhost"))).andReturn();
			assertThat(result.getResponse().getStatus()).isEqualTo(503);
			assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("30");
			assertThat(HtmlUtils.htmlUnescape(result.getResponse().getContentAsString()))
				.contains("Ce service ouvre bientôt", "Vélizy", "Réessayer");
		}
		finally {
			this.jdbc.update("update platform.tenant set status = ?, provisioned_at = ?, last_plan_at = ? where id = ?",
					before.status().name(), Timestamp.from(Instant.now()),
					(before.lastPlanAt() != null) ? Timestamp.from(before.lastPlanAt()) : null, "velizy");
			this.statuses.invalidate("velizy");
		}
		assertThat(this.mvc.perform(get("/inscription").with(host("velizy.localhost")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	/**
	 * Older versions recorded a file's cluster even when it was not configured
	 * ({@code cluster: nowhere}); the file fixed, the commune is created on its cluster
	 * by itself, with no database edit (it used to fail every 30 s, "realm not moved").
	 */
	@Test
	void communeRecordedOnAnUnknownClusterWhenFileFixedThenServedWithoutDatabaseEdit() throws Exception {
		this.registry.upsert(new TenantRegistration("huitieme", "Ville de Huitième", List.of("huitieme.localhost"),
				"nowhere", TenantStatus.PENDING, "", "le cluster Keycloak 'nowhere' ne répond pas", null, null));
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		writeAtomically(TENANTS.resolve("huitieme.yaml"),
				fresnes.replace("id: fresnes", "id: huitieme")
					.replace("- fresnes.localhost", "- huitieme.localhost")
					.replace("- fresnes.espace-commun.fr", "- huitieme.espace-commun.fr"));
		try {
			TenantRegistration serving = waitFor(Duration.ofSeconds(60),
					() -> this.registry.find("huitieme")
						.filter((row) -> row.status() == TenantStatus.SERVING)
						.orElse(null));
			assertThat(serving.keycloakCluster()).isEqualTo("default");
			assertThat(serving.lastError()).isNull();
			assertThat(this.clusters.forCluster("default").realm("huitieme").toRepresentation().isEnabled()).isTrue();
			assertThat(
					this.mvc.perform(get("/").with(host("huitieme.localhost"))).andReturn().getResponse().getStatus())
				.isEqualTo(200);
		}
		finally {
			Files.deleteIfExists(TENANTS.resolve("huitieme.yaml"));
		}
	}

	/**
	 * A commune whose key format nests repetitions ({@code ^([0-9A-Z]+-?){1,20}$}, which
	 * java.util.regex took seconds to refuse a 29-character key against): its wizard
	 * answers a 50-character key at once, with the French reason next to the field, and
	 * accepts a good key.
	 */
	@Test
	void communeWithANestedRepetitionKeyFormatWhenLongKeyTypedThenRefusedAtOnce() throws Exception {
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		writeAtomically(TENANTS.resolve("motif.yaml"),
				fresnes.replace("id: fresnes", "id: motif")
					.replace("- fresnes.localhost", "- motif.localhost")
					.replace("- fresnes.espace-commun.fr", "- motif.espace-commun.fr")
					.replace("pattern: \"^[0-9]{5}-[A-Z0-9]{6}$\"", "pattern: \"^([0-9A-Z]+-?){1,20}$\""));
		try {
			waitFor(Duration.ofSeconds(60),
					() -> this.registry.find("motif")
						.filter((row) -> row.status() == TenantStatus.SERVING)
						.orElse(null));
			Citizen citizen = new Citizen(this.mvc, "motif");
			citizen.fillFresnesUpToCredentials("marie.curie@example.fr");
			String longKey = "A".repeat(49) + "!";
			long start = System.nanoTime();
			String page = citizen.post("/inscription/credentials", form("action", "next", "username", "mcurie",
					"password", "soleil2026x", "passwordConfirmation", "soleil2026x", "serviceKey.enfance", longKey));
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.printf("Wizard step with a 50-character key on a nested-repetition format: %d ms%n", millis);
			assertThat(millis).as("the whole step, key check included").isLessThan(2_000);
			assertThat(page)
				.contains("La clé « Enfance » n'a pas le bon format : elle doit ressembler à 23456-B7J8K2.");
			page = citizen.post("/inscription/credentials", form("action", "next", "username", "mcurie", "password",
					"soleil2026x", "passwordConfirmation", "soleil2026x", "serviceKey.enfance", "23456-B7J8K2"));
			assertThat(page).doesNotContain("La clé « Enfance » n'a pas le bon format");
		}
		finally {
			Files.deleteIfExists(TENANTS.resolve("motif.yaml"));
		}
		// its file deleted, the commune keeps serving its last good definition: its logo
		// and its CGU, read with the file, are still there
		assertThat(((FileTenantCatalog) this.catalog).reload().withoutFile()).contains("motif");
		MvcResult logo = this.mvc.perform(get("/branding/logo").with(host("motif.localhost"))).andReturn();
		assertThat(logo.getResponse().getStatus()).isEqualTo(200);
		assertThat(logo.getResponse().getContentType()).startsWith("image/");
		assertThat(logo.getResponse().getContentAsByteArray()).isNotEmpty();
		Citizen later = new Citizen(this.mvc, "motif");
		later.get("/inscription");
		later.post("/inscription/welcome", form("action", "next"));
		assertThat(later.get("/inscription/cgu")).contains("CONDITIONS GÉNÉRALES D'UTILISATION");
	}

	/** {@code /platform} as an operator of the platform realm sees it. */
	private String platformPage() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/platform").with(host("localhost"))
				.with(oidcLogin().clientRegistration(OPERATORS_REALM)
					.idToken((token) -> token.claim("preferred_username", "operateur-test"))
					.authorities(new SimpleGrantedAuthority("ROLE_operator"))))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return HtmlUtils.htmlUnescape(result.getResponse().getContentAsString());
	}

	/** The text of the tenant's row of {@code /platform}. */
	private static String row(String page, String tenantId) {
		int start = page.indexOf("id=\"tenant-" + tenantId + "\"");
		assertThat(start).as("row of " + tenantId).isNotNegative();
		return page.substring(start, page.indexOf("</tr>", start)).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
	}

	private static RequestPostProcessor host(String name) {
		return (request) -> {
			request.setServerName(name);
			return request;
		};
	}

	/**
	 * Replaces the file in one step, as an editor saving it does: the watcher never reads
	 * it half written.
	 */
	private static void writeAtomically(Path file, String text) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static int lineOf(String text, String fragment) {
		String before = text.substring(0, text.indexOf(fragment));
		return (int) before.chars().filter((c) -> c == '\n').count() + 1;
	}

	private static int columnOf(String text, String fragment) {
		int index = text.indexOf(fragment);
		return index - text.lastIndexOf('\n', index);
	}

	private static <T> T waitFor(Duration timeout, Callable<T> probe) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			T value = probe.call();
			if (value != null) {
				return value;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + timeout);
			}
			Thread.sleep(200);
		}
	}

}
