package fr.espacecommun.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import fr.espacecommun.audit.internal.AuditEntry;
import fr.espacecommun.audit.internal.AuditEntryRepository;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.onboarding.internal.TenantOnboarding;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.DirectGrant;
import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator suspends a commune from {@code /platform} and resumes it, over real HTTP
 * with a real operator signed in: the commune's pages and API answer 503 in French with
 * its contact while the others serve, data and health are kept, no reload lifts the
 * suspension, the commune's journal records both acts, and another instance's suspension
 * (a registry write) closes the commune here too.
 */
class TenantSuspensionTests extends LiveServerTest {

	private static final String CCPLM = "Communauté de communes Piège Lauragais Malepère";

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private AuditEntryRepository audit;

	@Autowired
	private TenantOnboarding onboarding;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private KeycloakProperties keycloak;

	@Test
	void communeWhenSuspendedByOperatorThenClosedInFrenchOthersServingAndResumedLater() throws Exception {
		SignedIn citizen = signInAsCitizen("ccplm");
		SignedIn operator = signInAsOperator();
		HttpResponse<String> platform = operator.browser().open(platformUrl("/platform"));
		assertThat(text(platform)).contains("Suspendre " + CCPLM);

		HttpResponse<String> suspended = operator.browser()
			.submit(platformUrl("/platform/communes/ccplm/suspension"), Map.of("_csrf", csrf(platform)));
		try {
			assertThat(suspended.statusCode()).isEqualTo(200);
			assertThat(text(suspended)).contains(CCPLM + " est suspendue", "Rétablir le service de " + CCPLM);
			assertThat(this.registry.find("ccplm").orElseThrow().status()).isEqualTo(TenantStatus.SUSPENDED);

			Browser visitor = new Browser();
			for (String path : List.of("/", "/inscription", "/mon-espace", "/admin", "/admin/journal",
					"/activation/jeton-quelconque", "/connexion")) {
				HttpResponse<String> page = visitor.get(url("ccplm", path));
				assertThat(page.statusCode()).as(path).isEqualTo(503);
				assertThat(text(page)).as(path)
					.contains("Ce service est fermé pour le moment", "Espace Citoyens", CCPLM,
							"Vos données et votre espace sont conservés", "jeunesse@ccplm.fr", "04 68 76 69 40");
			}
			assertThat(citizen.browser().get(url("ccplm", "/mon-espace")).statusCode()).isEqualTo(503);
			HttpResponse<String> api = visitor.get(url("ccplm", "/api/admin/tenant"));
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.body()).contains("Service fermé");
			// the commune's logo still shows on its notice; the others serve as before
			assertThat(visitor.get(url("ccplm", "/branding/logo")).statusCode()).isEqualTo(200);
			for (String other : List.of("fresnes", "velizy", "villennes", "ccve")) {
				assertThat(visitor.get(url(other, "/")).statusCode()).as(other).isEqualTo(200);
			}
			HttpResponse<String> health = visitor.get(platformUrl("/actuator/health"));
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
			assertThat(visitor.get(url("ccplm", "/actuator/health")).statusCode()).isEqualTo(200);

			// data kept: the citizen's account and the commune's tables are still there
			assertThat(this.clusters.forTenant(tenant("ccplm"))
				.realm("ccplm")
				.users()
				.searchByUsername(citizen.username(), true)).hasSize(1);
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM information_schema.tables WHERE table_schema = 't_ccplm'", Integer.class))
				.isPositive();

			// re-applying the commune's file (a reload, a restart) does not reopen it
			this.onboarding.onboard(tenant("ccplm"));
			assertThat(this.registry.find("ccplm").orElseThrow().status()).isEqualTo(TenantStatus.SUSPENDED);
			assertThat(visitor.get(url("ccplm", "/")).statusCode()).isEqualTo(503);

			// the operators' API still answers, and shows the suspension
			String token = new DirectGrant(this.clusters, this.keycloak).platformAccessToken(operator.username(),
					STAFF_PASSWORD);
			HttpResponse<String> tenants = bearer(platformUrl("/api/platform/tenants"), token);
			assertThat(tenants.statusCode()).isEqualTo(200);
			assertThat(tenants.body())
				.contains("{\"id\":\"ccplm\",\"name\":\"" + CCPLM + "\",\"status\":\"SUSPENDED\"");

			AuditEntry entry = TenantContext.callAs("ccplm",
					() -> this.audit.findByActionOrderByAtDesc("tenant.suspended").get(0));
			assertThat(entry.getActor()).isEqualTo("operator:" + operator.username());
			assertThat(entry.getTenantId()).isEqualTo("ccplm");
			assertThat(entry.getBefore()).isEqualTo("SERVING");
			assertThat(entry.getAfter()).isEqualTo("SUSPENDED");
		}
		finally {
			HttpResponse<String> page = operator.browser().open(platformUrl("/platform"));
			HttpResponse<String> resumed = operator.browser()
				.submit(platformUrl("/platform/communes/ccplm/reprise"), Map.of("_csrf", csrf(page)));
			assertThat(text(resumed)).contains(CCPLM + " est de nouveau en service");
		}

		assertThat(new Browser().get(url("ccplm", "/")).statusCode()).isEqualTo(200);
		assertThat(this.registry.find("ccplm").orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
		AuditEntry resumed = TenantContext.callAs("ccplm",
				() -> this.audit.findByActionOrderByAtDesc("tenant.resumed").get(0));
		assertThat(resumed.getActor()).isEqualTo("operator:" + operator.username());
		assertThat(resumed.getBefore()).isEqualTo("SUSPENDED");
		assertThat(resumed.getAfter()).isEqualTo("SERVING");

		// the commune's staff read both acts in their journal, in French
		SignedIn staff = signInAsAdmin("ccplm");
		String journal = text(staff.browser().get(url("ccplm", "/admin/journal")));
		assertThat(journal).contains("Service de la commune suspendu par l'exploitant",
				"Service de la commune rétabli par l'exploitant", "operator:" + operator.username());
	}

	@Test
	void communeWhenSuspendedInTheRegistryByAnotherInstanceThenClosedHereWithinFiveSeconds() throws Exception {
		Browser visitor = new Browser();
		assertThat(visitor.get(url("villennes", "/")).statusCode()).isEqualTo(200);
		long start = System.nanoTime();
		// what another instance's suspension leaves behind: the registry row, nothing in
		// this instance's memory
		this.jdbc.update("UPDATE platform.tenant SET status = 'SUSPENDED' WHERE id = 'villennes'");
		try {
			waitFor(Duration.ofSeconds(8),
					() -> (visitor.get(url("villennes", "/")).statusCode() == 503) ? true : null);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
		}
		finally {
			this.jdbc.update("UPDATE platform.tenant SET status = 'SERVING' WHERE id = 'villennes'");
		}
		waitFor(Duration.ofSeconds(8), () -> (visitor.get(url("villennes", "/")).statusCode() == 200) ? true : null);
	}

	@Test
	void platformWhenOperatorListsCommunesThenNoCitizenDataShows() throws Exception {
		SignedIn citizen = signInAsCitizen("fresnes");
		String email = citizen.username() + "@fresnes.example.org";
		SignedIn operator = signInAsOperator();

		String page = text(operator.browser().open(platformUrl("/platform")));

		assertThat(page).contains("Ville de Fresnes (fresnes)", "En service")
			.doesNotContain(email)
			.doesNotContain(citizen.username())
			.doesNotContain("@fresnes.example.org");
	}

	@Test
	void suspensionWhenPostedWithoutCsrfTokenOrForAnUnknownCommuneThenRefused() throws Exception {
		SignedIn operator = signInAsOperator();
		HttpResponse<String> page = operator.browser().open(platformUrl("/platform"));

		assertThat(
				operator.browser().submit(platformUrl("/platform/communes/fresnes/suspension"), Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(operator.browser()
			.submit(platformUrl("/platform/communes/inconnue/suspension"), Map.of("_csrf", csrf(page)))
			.statusCode()).isEqualTo(404);
		assertThat(this.registry.find("fresnes").orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
	}

	@Test
	void suspensionWhenCommuneAdminPostsOnTheirHostThenForbidden() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		HttpResponse<String> admin = staff.browser().open(url("velizy", "/admin"));

		HttpResponse<String> answer = staff.browser()
			.submit(url("velizy", "/platform/communes/velizy/suspension"), Map.of("_csrf", csrf(admin)));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(this.registry.find("velizy").orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
	}

	private static HttpResponse<String> bearer(String url, String token) throws Exception {
		URI uri = URI.create(url);
		HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceFirst("//" + uri.getHost(), "//127.0.0.1")))
			.header("Host", uri.getHost() + ":" + uri.getPort())
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
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
