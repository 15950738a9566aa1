package fr.espacecommun.wizard.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.outbox.internal.OutboxRetries;
import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.testsupport.TenantsFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static fr.espacecommun.wizard.web.Citizen.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, "Keycloak down": a commune whose realm lives on its own Keycloak (a second,
 * persistent server: cluster {@code pannes}), whose process is killed with SIGKILL in the
 * middle of 100 concurrent registrations, while its staff publish a password policy, and
 * then started again. Nothing the platform accepted is lost or doubled, every mail owed
 * leaves once, the refused citizens saw the French page and succeed when they submit
 * again, and the policy reaches the realm through the outbox.
 */
@SpringBootTest(properties = { "espace.outbox.retry-interval=PT1S" })
@AutoConfigureMockMvc
@DirtiesContext
class KeycloakOutageTests {

	static final int CITIZENS = 100;

	static final int ACCEPTED_BEFORE_KILL = 30;

	static final String TENANT = "antony";

	static final String PASSWORD = "soleil2026x";

	private static final Logger logger = LoggerFactory.getLogger(KeycloakOutageTests.class);

	private static final EmbeddedKeycloak keycloak = EmbeddedKeycloak.persistent();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private TenantSettings settings;

	@Autowired
	private OutboxRetries outbox;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void pannesCluster(DynamicPropertyRegistry registry) {
		keycloak.start();
		registry.add("espace.tenants.dir", KeycloakOutageTests::tenantsFolder);
		registry.add("espace.keycloak.clusters.pannes.url", keycloak::url);
		registry.add("espace.keycloak.clusters.pannes.admin-username", keycloak::adminUsername);
		registry.add("espace.keycloak.clusters.pannes.admin-password", keycloak::adminPassword);
	}

	@AfterAll
	static void stopKeycloak() {
		keycloak.close();
	}

	@Test
	void keycloakWhenKilledDuringHundredRegistrationsThenEveryAcceptedAccountOnceMailedOnceAndRefusedOnesSucceedLater()
			throws Exception {
		long start = System.nanoTime();
		TenantDefinition tenant = this.catalog.byId(TENANT).orElseThrow();
		String run = UUID.randomUUID().toString().substring(0, 6);
		List<Citizen> citizens = new ArrayList<>();
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < CITIZENS; i++) {
			citizens.add(new Citizen(this.mvc, TENANT));
			usernames.add("c" + run + "n" + i);
		}
		ExecutorService pool = Executors.newFixedThreadPool(CITIZENS);
		try {
			// every citizen fills the wizard up to its last page, then all press VALIDER
			// together
			forEachIndex(pool, CITIZENS, (i) -> walkToLastPage(citizens.get(i), usernames.get(i), run));
			AtomicInteger accepted = new AtomicInteger();
			CountDownLatch enoughAccepted = new CountDownLatch(1);
			Map<Integer, String> firstAnswers = new ConcurrentHashMap<>();
			Future<?> killer = pool.submit(() -> {
				await(enoughAccepted);
				keycloak.kill();
				logger.info("Keycloak killed after {} accepted registrations", accepted.get());
				return null;
			});
			forEachIndex(pool, CITIZENS, (i) -> {
				String outcome = submit(citizens.get(i), usernames.get(i));
				firstAnswers.put(i, outcome);
				if (outcome.equals("accepted") && accepted.incrementAndGet() >= ACCEPTED_BEFORE_KILL) {
					enoughAccepted.countDown();
				}
			});
			enoughAccepted.countDown();
			killer.get(60, TimeUnit.SECONDS);
			List<Integer> refused = firstAnswers.entrySet()
				.stream()
				.filter((answer) -> !answer.getValue().equals("accepted"))
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
			assertThat(firstAnswers.values()).as("each answer is a confirmation or the French page")
				.allMatch((answer) -> answer.equals("accepted") || answer.equals("refused"));
			assertThat(refused).as("registrations refused while Keycloak was down").isNotEmpty();
			int acceptedFirst = CITIZENS - refused.size();
			logger.info("First round: {} accepted, {} refused with the French page", acceptedFirst, refused.size());

			// staff tighten the password policy while Keycloak is down: saved and
			// audited,
			// the realm update kept in the outbox
			PasswordPolicy stricter = withMinLength(tenant.passwordPolicy(), 10);
			this.settings.publishPasswordPolicy(tenant, stricter, "agent.pannes");
			assertThat(outstandingRealmUpdates()).as("realm update kept while Keycloak is down").isPositive();

			long restartStart = System.nanoTime();
			keycloak.start();
			long restartMillis = (System.nanoTime() - restartStart) / 1_000_000;
			// each refused citizen presses "Réessayer", types the password again and
			// submits
			Map<Integer, String> secondAnswers = new ConcurrentHashMap<>();
			AtomicInteger extraTries = new AtomicInteger();
			forEach(pool, refused, (i) -> {
				String answer = submitAgain(citizens.get(i), usernames.get(i));
				// a citizen who meets the French page again presses "Réessayer" once more
				for (int attempt = 1; answer.equals("refused") && attempt < 3; attempt++) {
					extraTries.incrementAndGet();
					Thread.sleep(1000);
					answer = submitAgain(citizens.get(i), usernames.get(i));
				}
				secondAnswers.put(i, answer);
			});
			assertThat(secondAnswers.values()).as("resubmissions after the restart").allMatch("accepted"::equals);

			// the outbox drains: the realm update is applied, every mail owed leaves once
			this.outbox.retryNow();
			awaitNoOutstandingRealmUpdate();
			try (Keycloak admin = admin()) {
				assertThat(admin.realm(TENANT).toRepresentation().getPasswordPolicy()).contains("length(10)");
				List<UserRepresentation> users = admin.realm(TENANT).users().search("c" + run, 0, 1000, false);
				Map<String, Long> byUsername = users.stream()
					.collect(Collectors.groupingBy(UserRepresentation::getUsername, Collectors.counting()));
				assertThat(byUsername).as("every accepted registration exactly once in the realm")
					.hasSize(CITIZENS)
					.containsOnlyKeys(usernames)
					.allSatisfy((username, count) -> assertThat(count).isEqualTo(1));
				Map<String, Long> byRegistration = users.stream()
					.collect(Collectors.groupingBy((user) -> user.getAttributes().get("registrationId").get(0),
							Collectors.counting()));
				assertThat(byRegistration).hasSize(CITIZENS).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
			}
			assertThat(this.jdbc.queryForList("select username from t_antony.registration where username like ?",
					String.class, "c" + run + "n%"))
				.as("registrations the platform recorded, each once")
				.containsExactlyInAnyOrderElementsOf(usernames);
			for (int i = 0; i < CITIZENS; i++) {
				ReceivedMail mail = ReceivedMail.to(email(usernames.get(i)));
				assertThat(mail.subject()).contains("activez votre espace");
			}
			// a retry round more: nothing left to send twice
			this.outbox.retryNow();
			Thread.sleep(1000);
			int mails = 0;
			for (int i = 0; i < CITIZENS; i++) {
				List<ReceivedMail> received = ReceivedMail.all(email(usernames.get(i)));
				assertThat(received).as("mails to citizen %d", i).hasSize(1);
				mails += received.size();
			}
			logger.info(
					"Keycloak outage: {} accepted before the kill, {} refused then accepted on resubmission ({} extra"
							+ " tries), {} mails, restart {} ms, whole test {} ms",
					acceptedFirst, refused.size(), extraTries.get(), mails, restartMillis,
					(System.nanoTime() - start) / 1_000_000);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void walkToLastPage(Citizen citizen, String username, String run) throws Exception {
		citizen.get("/inscription");
		citizen.post("/inscription/welcome", form("action", "next"));
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Curie", "firstNames", "Marie"));
		citizen.post("/inscription/address",
				form("action", "next", "addressSearch", "1 place Pierre et Marie Curie 92160 Antony", "building", "A"));
		citizen.post("/inscription/contact", form("action", "next", "email", email(username)));
		assertThat(citizen.redirect()).isEqualTo("/inscription/credentials");
		citizen.get("/inscription/credentials");
	}

	/** VALIDER on the last page: "accepted" (confirmation) or "refused" (French page). */
	private String submit(Citizen citizen, String username) throws Exception {
		String page = citizen.post("/inscription/credentials",
				form("action", "next", "username", username, "password", PASSWORD, "passwordConfirmation", PASSWORD));
		if ("/inscription/confirmation".equals(citizen.redirect())) {
			return "accepted";
		}
		if (citizen.status() == 503 && page.contains("Service momentanément indisponible")
				&& page.contains("Les informations saisies sont conservées")
				&& page.contains("saisissez-y à nouveau votre mot de passe")) {
			return "refused";
		}
		return "unexpected " + citizen.status() + " " + citizen.redirect() + ": " + page;
	}

	/**
	 * "Réessayer": the last page again, its fields kept but the password, then VALIDER.
	 */
	private String submitAgain(Citizen citizen, String username) throws Exception {
		String page = citizen.get("/inscription/credentials");
		assertThat(page).contains(username).doesNotContain(PASSWORD);
		return submit(citizen, username);
	}

	private long outstandingRealmUpdates() {
		Long count = this.jdbc.queryForObject(
				"select count(*) from platform.event_publication where completion_date is null and event_type like ?"
						+ " and serialized_event like ?",
				Long.class, "%RealmUpdateRequested", "%\"" + TENANT + "\"%");
		return (count != null) ? count : 0;
	}

	private void awaitNoOutstandingRealmUpdate() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (outstandingRealmUpdates() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(outstandingRealmUpdates()).as("realm updates still owed").isZero();
	}

	private static Keycloak admin() {
		return KeycloakBuilder.builder()
			.serverUrl(keycloak.url())
			.realm("master")
			.clientId("admin-cli")
			.username(keycloak.adminUsername())
			.password(keycloak.adminPassword())
			.build();
	}

	private static String email(String username) {
		return username + "@example.fr";
	}

	private static PasswordPolicy withMinLength(PasswordPolicy policy, int minLength) {
		return new PasswordPolicy(minLength, policy.maxLength(), policy.minLowercase(), policy.minUppercase(),
				policy.minDigits(), policy.minSpecialChars(), policy.notUsername(), policy.notEmail());
	}

	private static void await(CountDownLatch latch) throws InterruptedException {
		if (!latch.await(120, TimeUnit.SECONDS)) {
			throw new AssertionError("Not enough registrations accepted");
		}
	}

	private static <T> void forEach(ExecutorService pool, List<T> items, Step<T> step) throws Exception {
		List<Future<?>> running = new ArrayList<>();
		for (T item : items) {
			running.add(pool.submit(() -> {
				step.run(item);
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get(180, TimeUnit.SECONDS);
		}
	}

	private static void forEachIndex(ExecutorService pool, int count, Step<Integer> step) throws Exception {
		forEach(pool, Stream.iterate(0, (i) -> i + 1).limit(count).toList(), step);
	}

	/**
	 * The tenants folder with one commune, Antony: Fresnes' wizard and e-mail link, its
	 * realm on cluster {@code pannes}.
	 */
	private static String tenantsFolder() {
		Path folder = TenantsFolder.copy();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).toList()) {
				Files.delete(file);
			}
			String fresnes = Files.readString(
					Path.of(System.getProperty("espace.tenants.dir", "../tenants")).resolve("fresnes.yaml"),
					StandardCharsets.UTF_8);
			Files.writeString(folder.resolve(TENANT + ".yaml"), antony(fresnes), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return folder.toString();
	}

	/** Fresnes' file as Antony's, without the security check, on cluster pannes. */
	static String antony(String fresnes) {
		Map<String, String> replaced = new HashMap<>();
		replaced.put("id: fresnes", "id: antony");
		replaced.put("name: Ville de Fresnes", "name: Ville d'Antony");
		replaced.put("  - fresnes.localhost\n  - fresnes.espace-commun.fr", "  - antony.localhost");
		replaced.put("  cluster: default", "  cluster: pannes");
		replaced.put("  - type: security-check\n    title: Contrôle de sécurité\n", "");
		String text = fresnes;
		for (Map.Entry<String, String> entry : replaced.entrySet()) {
			if (!text.contains(entry.getKey())) {
				throw new IllegalStateException("fresnes.yaml changed: no '" + entry.getKey() + "'");
			}
			text = text.replace(entry.getKey(), entry.getValue());
		}
		int captcha = text.indexOf("captcha:\n");
		int activation = text.indexOf("activation:\n");
		return text.substring(0, captcha) + text.substring(activation);
	}

	@FunctionalInterface
	interface Step<T> {

		void run(T item) throws Exception;

	}

}
