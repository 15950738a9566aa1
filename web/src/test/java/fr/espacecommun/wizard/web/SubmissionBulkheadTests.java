package fr.espacecommun.wizard.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.RealmUsers;
import fr.espacecommun.testsupport.SharedKeycloak;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static fr.espacecommun.wizard.web.Citizen.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many citizens pressing VALIDER while Keycloak is slow: submissions wait their turn
 * without taking the connection pool from page views. The pool is made small (4) and a
 * connection is waited for 2 s at most, so a page view starved of connections would fail
 * at once with a 500.
 */
@SpringBootTest(properties = { "spring.datasource.hikari.maximum-pool-size=4",
		"spring.datasource.hikari.connection-timeout=2000", "espace.registration.max-concurrent-submissions=2",
		"espace.registration.submission-queue-wait=1s" })
@AutoConfigureMockMvc
class SubmissionBulkheadTests {

	private static final SlowKeycloak KEYCLOAK = SlowKeycloak.relayTo(SharedKeycloak.get().url());

	private static final String PASSWORD = "Soleil-2026-Fort";

	@DynamicPropertySource
	static void keycloak(DynamicPropertyRegistry registry) {
		registry.add("espace.keycloak.clusters.default.url", KEYCLOAK::url);
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private KeycloakClusters clusters;

	@Test
	void submitWhenMoreCitizensThanSlotsWhileKeycloakIsSlowThenPagesStillAnswerAndTheRestKeepTheirDraft()
			throws Exception {
		TenantDefinition ccve = this.catalog.byId("ccve").orElseThrow();
		int citizens = 6;
		List<Citizen> waiting = new ArrayList<>();
		List<String> emails = new ArrayList<>();
		for (int i = 0; i < citizens; i++) {
			String email = "file." + UUID.randomUUID().toString().substring(0, 8) + "@ccvalessonne.com";
			waiting.add(ccveUpToCredentials(email));
			emails.add(email);
		}
		KEYCLOAK.delayCreations(Duration.ofSeconds(6));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(citizens);
		List<Future<String>> answers = new ArrayList<>();
		try {
			for (Citizen citizen : waiting) {
				answers.add(pool.submit(() -> {
					start.await();
					String page = citizen.post("/inscription/credentials",
							form("action", "next", "password", PASSWORD, "passwordConfirmation", PASSWORD));
					return citizen.status() + " " + ((citizen.redirect() != null) ? citizen.redirect() : page);
				}));
			}
			start.countDown();
			Thread.sleep(1500);
			// submissions are running (two of them, for 6 s) or queued: pages still
			// answer
			for (int i = 0; i < 5; i++) {
				Citizen visitor = new Citizen(this.mvc, "villennes");
				assertThat(visitor.get("/")).contains("Villennes");
				assertThat(visitor.status()).isEqualTo(200);
				visitor.get("/inscription");
				assertThat(visitor.status()).isLessThan(400);
			}
			List<String> outcomes = new ArrayList<>();
			for (Future<String> answer : answers) {
				outcomes.add(answer.get(60, TimeUnit.SECONDS));
			}
			assertThat(outcomes).allMatch((o) -> o.equals("302 /inscription/confirmation")
					|| (o.startsWith("503 ") && o.contains("Service momentanément indisponible")
							&& o.contains("Les informations saisies sont conservées")));
			assertThat(outcomes).filteredOn((o) -> o.startsWith("302")).hasSizeGreaterThanOrEqualTo(2);
			assertThat(outcomes).filteredOn((o) -> o.startsWith("503")).hasSizeGreaterThanOrEqualTo(3);
		}
		finally {
			KEYCLOAK.delayCreations(Duration.ZERO);
			pool.shutdownNow();
		}
		RealmUsers users = new RealmUsers(this.clusters);
		for (int i = 0; i < citizens; i++) {
			Citizen citizen = waiting.get(i);
			String email = emails.get(i);
			boolean created = !users.realm(ccve).users().searchByEmail(email, true).isEmpty();
			if (created) {
				continue;
			}
			// turned away: the draft is kept, and VALIDER again creates the account once
			assertThat(citizen.get("/inscription/contact")).contains("value=\"" + email + "\"");
			int before = KEYCLOAK.calls().size();
			citizen.post("/inscription/credentials",
					form("action", "next", "password", PASSWORD, "passwordConfirmation", PASSWORD));
			assertThat(citizen.redirect()).isEqualTo("/inscription/confirmation");
			assertThat(users.realm(ccve).users().searchByEmail(email, true)).hasSize(1);
			// a first submission creates, and searches for no earlier attempt's account
			assertThat(KEYCLOAK.calls().subList(before, KEYCLOAK.calls().size()))
				.noneMatch((call) -> call.contains("registrationId"))
				.filteredOn((call) -> call.matches("POST /admin/realms/[^/]+/users"))
				.hasSize(1);
		}
	}

	private Citizen ccveUpToCredentials(String email) throws Exception {
		Citizen citizen = new Citizen(this.mvc, "ccve");
		citizen.get("/inscription");
		citizen.post("/inscription/account-type", form("action", "next", "accountType", "personal"));
		citizen.post("/inscription/consent", form("action", "next", "consent", "accept"));
		citizen.post("/inscription/welcome", form("action", "next"));
		citizen.post("/inscription/cgu", form("action", "next", "cguAccepted", "yes"));
		citizen.post("/inscription/identity",
				form("action", "next", "civility", "Madame", "lastName", "Attente", "firstNames", "Lucie"));
		citizen.post("/inscription/address", form("action", "next"));
		citizen.post("/inscription/contact", form("action", "next", "phone", "01 64 93 21 20", "email", email));
		assertThat(citizen.redirect()).isEqualTo("/inscription/credentials");
		citizen.get("/inscription/credentials");
		return citizen;
	}

}
