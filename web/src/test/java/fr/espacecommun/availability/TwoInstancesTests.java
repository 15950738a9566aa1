package fr.espacecommun.availability;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.platform.internal.TenantSuspension;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LivePort;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.PlatformInstance;
import fr.espacecommun.testsupport.RealmUsers;
import fr.espacecommun.wizard.internal.DraftPurge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two platform instances on one database, behind what would be a load balancer: this test
 * class's live server (A) and a second instance (B) started beside it, sharing the
 * database, the tenants folder and Keycloak. A citizen's wizard and a signed-in person
 * move freely between them; what one applies (staff edits, a suspension) the other serves
 * within 5 s; a scheduled purge runs on one of them only; and the password a citizen
 * typed before the wizard's last page never reaches the database, so the instance that
 * lacks it asks for it again.
 */
class TwoInstancesTests extends LiveServerTest {

	private static final String PASSWORD = "Velizy-2026-Passe!";

	private static PlatformInstance other;

	@Autowired
	private TenantSettings settings;

	@Autowired
	private TenantSuspension suspension;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private DraftPurge purge;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	static void startSecondInstance() {
		other = PlatformInstance.start(LivePort.second(), Map.of("espace.tenants.dir", tenantsFolder().toString(),
				"espace.address.base-url", BAN.baseUrl().toString()));
	}

	@AfterAll
	static void stopSecondInstance() {
		if (other != null) {
			other.close();
		}
	}

	@Test
	void wizardWhenCredentialsSentOnOneInstanceThenPasswordNeverStoredAndAskedAgainOnTheOtherWhichFinishes()
			throws Exception {
		TenantDefinition commune = selfRegisteringVelizy();
		String host = commune.hosts().get(0);
		String username = "velo" + UUID.randomUUID().toString().substring(0, 8);
		String email = username + "@example.org";
		Browser citizen = new Browser();

		HttpResponse<String> credentials = citizen.open(url(commune.id(), "/inscription"));
		assertThat(credentials.uri().getPath()).isEqualTo("/inscription/credentials");
		HttpResponse<String> contact = citizen.submit(url(commune.id(), "/inscription/credentials"),
				Map.of("_csrf", csrf(credentials), "action", "next", "username", username, "password", PASSWORD,
						"passwordConfirmation", PASSWORD));
		assertThat(contact.uri().getPath()).as(() -> Browser.describe(contact)).isEqualTo("/inscription/contact");
		HttpResponse<String> cgu = citizen.submit(url(commune.id(), "/inscription/contact"),
				Map.of("_csrf", csrf(contact), "action", "next", "email", email));
		assertThat(cgu.uri().getPath()).as(() -> Browser.describe(cgu)).isEqualTo("/inscription/cgu");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from t_" + commune.id() + ".wizard_draft d where d::text like ?", Integer.class,
				"%" + username + "%"))
			.as("the draft holds the username")
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from t_" + commune.id() + ".wizard_draft d where d::text like ?", Integer.class,
				"%" + PASSWORD + "%"))
			.as("no draft holds the password")
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from platform.spring_session_attributes", Integer.class))
			.as("sessions are in the database")
			.isPositive();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from platform.spring_session_attributes where position(convert_to(?, 'UTF8') in attribute_bytes) > 0",
				Integer.class, PASSWORD))
			.as("no session holds the password")
			.isZero();

		// the load balancer sends the next request to the other instance: same session
		// (its CSRF token), same draft, no password
		HttpResponse<String> cguOnB = citizen.open(other.url(host, "/inscription/cgu"));
		assertThat(cguOnB.statusCode()).isEqualTo(200);
		HttpResponse<String> askedAgain = citizen.submit(other.url(host, "/inscription/cgu"),
				Map.of("_csrf", csrf(cguOnB), "action", "next", "cguAccepted", "yes"));
		assertThat(askedAgain.statusCode()).isEqualTo(200);
		assertThat(text(askedAgain)).as(() -> Browser.describe(askedAgain))
			.contains("Pour votre sécurité, merci de saisir à nouveau votre mot de passe.")
			.contains("value=\"" + username + "\"")
			.doesNotContain(PASSWORD);
		assertThat(new RealmUsers(this.clusters).realm(commune).users().searchByUsername(username, true))
			.as("nothing created yet")
			.isEmpty();

		HttpResponse<String> contactAgain = citizen.submit(other.url(host, "/inscription/credentials"),
				Map.of("_csrf", csrf(askedAgain), "action", "next", "username", username, "password", PASSWORD,
						"passwordConfirmation", PASSWORD));
		assertThat(contactAgain.uri().getPath()).isEqualTo("/inscription/contact");
		assertThat(text(contactAgain)).as("kept in the draft").contains("value=\"" + email + "\"");
		HttpResponse<String> cguAgain = citizen.submit(other.url(host, "/inscription/contact"),
				Map.of("_csrf", csrf(contactAgain), "action", "next", "email", email));
		assertThat(cguAgain.uri().getPath()).isEqualTo("/inscription/cgu");
		HttpResponse<String> done = citizen.submit(other.url(host, "/inscription/cgu"),
				Map.of("_csrf", csrf(cguAgain), "action", "next", "cguAccepted", "yes"));
		assertThat(done.uri().getPath()).isEqualTo("/inscription/confirmation");
		assertThat(text(done)).contains("Votre espace a bien été activé pour le nom d'utilisateur : " + username);
		UserRepresentation user = new RealmUsers(this.clusters).user(commune, username);
		assertThat(user.isEnabled()).isTrue();

		// the password retyped on B is the account's: the citizen signs in on A with it
		Browser signIn = new Browser();
		HttpResponse<String> login = signIn.open(url(commune.id(), "/mon-espace"));
		HttpResponse<String> signedIn = signIn.submit(Browser.formAction(login.body()),
				Map.of("username", username, "password", PASSWORD));
		// accepted: Keycloak only asks for the names this commune's wizard does not
		assertThat(text(signedIn)).as(() -> Browser.describe(signedIn))
			.contains("Mettre à jour les informations du compte");
		HttpResponse<String> space = signIn.submit(Browser.formAction(signedIn.body()),
				Map.of("username", username, "email", email, "firstName", "Camille", "lastName", "Velo"));
		assertThat(signIn.current().getPath()).as(() -> Browser.describe(space)).isEqualTo("/mon-espace");
		assertThat(text(space)).contains("Mon espace", username);
	}

	@Test
	void signedInWhenNextRequestsGoToTheOtherInstanceThenStillSignedInUntilSignedOutOnEither() throws Exception {
		SignedIn citizen = signInAsCitizen("fresnes");
		assertThat(citizen.browser().current().getPort()).isEqualTo(PORT);

		HttpResponse<String> onB = citizen.browser().open(other.url("fresnes.localhost", "/mon-espace"));
		assertThat(citizen.browser().current().getPort()).as(() -> Browser.describe(onB)).isEqualTo(LivePort.second());
		assertThat(onB.statusCode()).isEqualTo(200);
		assertThat(text(onB)).contains("Mon espace", citizen.username());

		SignedIn staff = signInAsAdmin("villennes");
		HttpResponse<String> adminOnB = staff.browser().open(other.url("villennes.localhost", "/admin"));
		assertThat(adminOnB.statusCode()).as(() -> Browser.describe(adminOnB)).isEqualTo(200);
		assertThat(staff.browser().current().getPath()).isEqualTo("/admin");

		// signed out on B: A no longer knows them either
		citizen.browser().submit(other.url("fresnes.localhost", "/deconnexion"), Map.of("_csrf", csrf(onB)));
		HttpResponse<String> afterSignOut = citizen.browser().open(url("fresnes", "/mon-espace"));
		assertThat(citizen.browser().current().getPath()).as(() -> Browser.describe(afterSignOut))
			.isEqualTo("/realms/fresnes/protocol/openid-connect/auth");
	}

	@Test
	void passwordPolicyWhenStaffPublishOnOneInstanceThenTheOtherServesItWithin5Seconds() throws Exception {
		TenantDefinition commune = selfRegisteringVelizy();
		String page = other.url(commune.hosts().get(0), "/inscription/credentials");
		assertThat(text(new Browser().get(page))).contains("au minimum 12 caractère(s)");
		PasswordPolicy before = commune.passwordPolicy();

		this.settings.publishPasswordPolicy(commune, new PasswordPolicy(16, before.maxLength(), 1, 1, 1, 1, true, true),
				"agent-velizy");
		long published = System.nanoTime();

		waitFor(Duration.ofSeconds(5), () -> text(new Browser().get(page)).contains("au minimum 16 caractère(s)"));
		System.out.printf("Policy served by the other instance %d ms after it was published%n",
				(System.nanoTime() - published) / 1_000_000);
	}

	@Test
	void suspensionWhenAppliedOnOneInstanceThenTheOtherClosesTheCommuneWithin5Seconds() throws Exception {
		TenantDefinition commune = newCommuneLike("villennes");
		String home = other.url(commune.hosts().get(0), "/");
		waitFor(Duration.ofSeconds(10), () -> new Browser().get(home).statusCode() == 200);

		this.suspension.suspend(commune.id(), "operateur-test");
		long suspended = System.nanoTime();

		waitFor(Duration.ofSeconds(5), () -> {
			HttpResponse<String> page = new Browser().get(home);
			return page.statusCode() == 503 && text(page).contains("Ce service est fermé pour le moment");
		});
		System.out.printf("Suspension applied by the other instance %d ms after it was made%n",
				(System.nanoTime() - suspended) / 1_000_000);
		this.suspension.resume(commune.id(), "operateur-test");
		waitFor(Duration.ofSeconds(5), () -> new Browser().get(home).statusCode() == 200);
	}

	@Test
	void draftPurgeWhenBothInstancesFireTogetherThenOnlyOneRunsIt() throws Exception {
		TenantDefinition commune = selfRegisteringVelizy();
		Browser citizen = new Browser();
		HttpResponse<String> credentials = citizen.open(url(commune.id(), "/inscription"));
		citizen.submit(url(commune.id(), "/inscription/credentials"),
				Map.of("_csrf", csrf(credentials), "action", "next", "username",
						"purge" + UUID.randomUUID().toString().substring(0, 6), "password", PASSWORD,
						"passwordConfirmation", PASSWORD));
		String table = "t_" + commune.id() + ".wizard_draft";
		assertThat(this.jdbc.update("update " + table + " set expires_at = now() - interval '1 minute'")).isOne();
		this.jdbc.update("delete from platform.shedlock where name = ?", DraftPurge.LOCK_NAME);

		CountDownLatch start = new CountDownLatch(1);
		Callable<Boolean> onA = () -> {
			start.await();
			return this.purge.run();
		};
		Callable<Boolean> onB = () -> {
			start.await();
			return other.bean(DraftPurge.class).run();
		};
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Boolean> a = threads.submit(onA);
			Future<Boolean> b = threads.submit(onB);
			start.countDown();
			assertThat(List.of(a.get(), b.get())).as("instances that ran the purge").containsOnlyOnce(true);
		}
		finally {
			threads.shutdown();
		}
		assertThat(this.jdbc.queryForObject("select count(*) from " + table, Integer.class)).isZero();
		assertThat(other.bean(DraftPurge.class).run()).as("run moments later: the lock is kept").isFalse();
		assertThat(this.purge.run()).isFalse();
		this.jdbc.update("delete from platform.shedlock where name = ?", DraftPurge.LOCK_NAME);
	}

	@Test
	void tenantFileWhenDeletedThenStillServedAndOperatorsToldOnPlatform() throws Exception {
		TenantDefinition commune = newCommuneLike("ccplm");
		Files.delete(tenantsFolder().resolve(commune.id() + ".yaml"));
		((FileTenantCatalog) this.catalog).reload();

		assertThat(new Browser().get(url(commune.id(), "/")).statusCode()).isEqualTo(200);
		assertThat(this.registry.find(commune.id()).orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
		SignedIn operator = signInAsOperator();
		String platform = text(operator.landing());
		int row = platform.indexOf("id=\"tenant-" + commune.id() + "\"");
		assertThat(row).isNotNegative();
		assertThat(platform.substring(row, platform.indexOf("</tr>", row))).contains("Fichier absent : " + commune.id()
				+ ".yaml n'est plus dans le dossier des communes. La commune reste servie avec sa dernière définition ; pour la fermer, suspendez-la.");
	}

	/**
	 * A commune like Vélizy (the credentials page first, the CGU last, so the password
	 * waits between them) whose citizens register themselves, give an e-mail address and
	 * are activated at once; served by both instances.
	 */
	private TenantDefinition selfRegisteringVelizy() throws Exception {
		String id = "velizy" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
		String yaml = Files.readString(tenantsFolder().resolve("velizy.yaml"))
			.replace("id: velizy", "id: " + id)
			.replace("- velizy.localhost", "- " + id + ".localhost")
			.replace("- velizy.espace-commun.fr", "- " + id + ".espace-commun.fr")
			.replace("mode: pre-provisioned", "mode: immediate")
			.replace("preProvisionedAccounts: true", "preProvisionedAccounts: false")
			.replace("scrollToAccept: true", "scrollToAccept: false")
			.replace("  - type: cgu\n", "  - type: contact\n    title: Contact\n  - type: cgu\n")
			.replace("  username: { requirement: required, label: Nom d'utilisateur }",
					"  username: { requirement: required, label: Nom d'utilisateur }\n"
							+ "  email: { requirement: required, label: Courriel }");
		Files.writeString(tenantsFolder().resolve(id + ".yaml"), yaml);
		((FileTenantCatalog) this.catalog).reload();
		TenantDefinition commune = tenant(id);
		TenantCatalog otherCatalog = other.bean(TenantCatalog.class);
		waitFor(Duration.ofSeconds(15), () -> otherCatalog.byId(id).isPresent());
		return commune;
	}

	private static void waitFor(Duration timeout, Callable<Boolean> condition) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.call()) {
			assertThat(System.nanoTime()).as("reached within " + timeout).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

}
