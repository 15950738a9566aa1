package fr.espacecommun.registration.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import fr.espacecommun.PlatformTestApplication;
import fr.espacecommun.activation.internal.AccountActivation;
import fr.espacecommun.activation.internal.ActivationConfiguration;
import fr.espacecommun.activation.internal.ActivationTokens;
import fr.espacecommun.activation.internal.ApprovalDeadlines;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.internal.IdentityConfiguration;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.mail.internal.MailConfiguration;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.registration.RegistrationService.PasswordRejectedException;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.RealmUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Submitting wizards of the real communes into the real Keycloak, PostgreSQL and SMTP
 * catcher, and activating the accounts as each commune's rule says.
 */
@SpringBootTest(classes = RegistrationTests.RegistrationTestApplication.class)
class RegistrationTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** A Friday evening: 48 business hours later is the next Tuesday evening. */
	static final Instant FRIDAY_EVENING = ZonedDateTime.of(2026, 3, 13, 17, 30, 0, 0, PARIS).toInstant();

	@Autowired
	private RegistrationService registration;

	@Autowired
	private AccountActivation activation;

	@Autowired
	private ActivationTokens tokens;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private CitizenRecords records;

	@Autowired
	private Registrations registrations;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "ccplm" })
	void submitWhenEmailLinkTenantThenDisabledUserStoredRecordsAndMailWhoseLinkActivatesOnce(String id) {
		TenantDefinition tenant = tenant(id);
		String email = unique("camille") + "@example.org";
		String knownKey = "23456-" + unique("").substring(0, 6).toUpperCase();
		this.jdbc.sql("INSERT INTO t_" + tenant.id() + ".service_key (service_id, key_value) VALUES ('enfance', ?)")
			.param(knownKey)
			.update();
		RegistrationRequest request = request(tenant, email, "u" + unique(""), Map.of("enfance", knownKey));

		RegistrationOutcome outcome = this.registration.submit(request);

		assertThat(outcome.state()).isEqualTo(ActivationState.AWAITING_EMAIL_CONFIRMATION);
		assertThat(outcome.email()).isEqualTo(email);
		assertThat(outcome.activationDeadline()).isNull();
		UserRepresentation user = user(tenant, outcome.username());
		assertThat(user.isEnabled()).isFalse();
		assertThat(user.isEmailVerified()).isFalse();
		assertThat(user.getFirstName()).isEqualTo("Camille");
		assertThat(user.getLastName()).isEqualTo("Dupré");
		assertThat(user.getAttributes()).containsEntry(CitizenAccounts.REGISTRATION_ID,
				List.of(request.registrationId().toString()));
		assertThat(realmRoles(tenant, user)).contains("citizen");
		Map<String, Object> profile = this.records.profile(tenant, user.getId()).orElseThrow();
		assertThat(profile).containsEntry("civility", "Madame")
			.containsEntry("city", "Fresnes")
			.containsEntry("mobile", "06 12 34 56 78")
			.containsEntry("preferred_contact", "email")
			.containsEntry("account_type", "personal");
		assertThat(this.records.acceptances(tenant, user.getId())).singleElement().satisfies((proof) -> {
			assertThat(proof.kind()).isEqualTo("cgu");
			assertThat(proof.version()).isEqualTo(tenant.terms().version());
			assertThat(proof.sha256()).isEqualTo(tenant.terms().sha256());
		});
		assertThat(this.records.serviceKeys(tenant, user.getId()).get("enfance"))
			.isEqualTo(new CitizenRecords.LinkedKey("enfance", knownKey, true));

		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.fromAddress()).isEqualTo(tenant.contact().mailFrom());
		assertThat(mail.fromName()).isEqualTo(tenant.contact().mailFromName());
		assertThat(mail.subject()).contains(tenant.portalName()).contains("activez votre espace");
		assertThat(mail.text()).contains("Bonjour Camille Dupré", "Votre espace a bien été créé",
				"Pour activer votre espace", "valable jusqu'au", outcome.username());
		assertThat(mail.activationLink()).startsWith("http://" + tenant.hosts().get(0) + ":8080/activation/");
		assertThat(mail.html()).contains(mail.activationLink());

		assertThat(this.activation.activate(tenant, mail.activationToken())).contains(outcome.username());
		UserRepresentation activated = user(tenant, outcome.username());
		assertThat(activated.isEnabled()).isTrue();
		assertThat(activated.isEmailVerified()).isTrue();
		assertThat(this.activation.activate(tenant, mail.activationToken())).isEmpty();
		assertThat(this.activation.inspect(tenant, mail.activationToken()).status())
			.isEqualTo(ActivationTokens.Status.USED);
		assertThat(this.registration.submit(request).state()).isEqualTo(ActivationState.ACTIVE);
	}

	@Test
	void submitWhenCcveThenEnabledAtOnceUsernameIsTheEmailAndConfirmationMail() {
		TenantDefinition tenant = tenant("ccve");
		String email = unique("dsi") + "@ccvalessonne.example";
		RegistrationOutcome outcome = this.registration
			.submit(request(tenant, email, "ignored-in-email-mode", Map.of()));

		assertThat(outcome.state()).isEqualTo(ActivationState.ACTIVE);
		assertThat(outcome.username()).isEqualTo(email);
		UserRepresentation user = user(tenant, email);
		assertThat(user.isEnabled()).isTrue();
		assertThat(user.getEmail()).isEqualTo(email);
		assertThat(realmRoles(tenant, user)).contains("citizen");
		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.fromName()).isEqualTo("Portail du Val d'Essonne");
		assertThat(mail.subject()).contains("Portail du Val d'Essonne", "votre espace est activé");
		assertThat(mail.text()).contains("Votre espace a bien été activé pour le nom d'utilisateur : " + email + ".");
	}

	@Test
	void submitWhenVillennesThenDisabledAwaitingApprovalWithDeadlineStoredAndInTheMail() {
		TenantDefinition tenant = tenant("villennes");
		String email = unique("jean") + "@example.org";
		RegistrationRequest request = request(tenant, email, "j" + unique(""), Map.of());

		RegistrationOutcome outcome = this.registration.submit(request);

		// same rule as the test calendar: 48 hours of weekdays from Friday 17:30
		Instant expected = ZonedDateTime.of(2026, 3, 17, 17, 30, 0, 0, PARIS).toInstant();
		assertThat(outcome.state()).isEqualTo(ActivationState.AWAITING_APPROVAL);
		assertThat(outcome.activationDeadline()).isEqualTo(expected);
		assertThat(user(tenant, outcome.username()).isEnabled()).isFalse();
		assertThat(this.jdbc
			.sql("SELECT deadline FROM t_" + tenant.id() + ".registration WHERE registration_id = ? AND state = ?")
			.params(request.registrationId(), "AWAITING_APPROVAL")
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(expected);
		ReceivedMail mail = ReceivedMail.to(email);
		assertThat(mail.fromName()).isEqualTo(tenant.contact().mailFromName());
		assertThat(mail.text()).contains("L'activation de votre compte par nos services est nécessaire",
				"au plus tard le mardi 17 mars 2026 à 17 h 30", "mc.filipe@ville-villennes-sur-seine.fr");
	}

	@Test
	void submitWhenSameRegistrationIdAgainThenSameOutcomeOneUserOneMail() {
		TenantDefinition tenant = tenant("fresnes");
		String email = unique("twice") + "@example.org";
		RegistrationRequest request = request(tenant, email, "t" + unique(""), Map.of());

		RegistrationOutcome first = this.registration.submit(request);
		RegistrationOutcome second = this.registration.submit(request);

		assertThat(second).isEqualTo(first);
		assertThat(realm(tenant).users().searchByEmail(email, true)).hasSize(1);
		ReceivedMail.to(email);
		assertThat(ReceivedMail.all(email)).hasSize(1);
	}

	@Test
	void submitWhenTwoConcurrentSubmitsOfTheSameRequestThenOneUserAndSameOutcome() throws Exception {
		TenantDefinition tenant = tenant("ccplm");
		String email = unique("race") + "@example.org";
		RegistrationRequest request = request(tenant, email, "r" + unique(""), Map.of());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<RegistrationOutcome>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return this.registration.submit(request);
				}));
			}
			start.countDown();
			RegistrationOutcome a = results.get(0).get(60, TimeUnit.SECONDS);
			RegistrationOutcome b = results.get(1).get(60, TimeUnit.SECONDS);
			assertThat(a).isEqualTo(b);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(realm(tenant).users().searchByEmail(email, true)).hasSize(1);
	}

	@Test
	void submitWhenAKeycloakAccountFromACrashedAttemptExistsThenItIsReusedNotDuplicated() {
		TenantDefinition tenant = tenant("fresnes");
		String email = unique("crash") + "@example.org";
		RegistrationRequest request = request(tenant, email, "c" + unique(""), Map.of());
		// the Keycloak half of a submit whose database transaction never committed
		CitizenAccounts accounts = new CitizenAccounts(this.clusters);
		String earlier = accounts.create(tenant, new CitizenAccounts.NewAccount(request.registrationId(),
				request.username(), email, "Camille", "Dupré", request.password(), false));

		RegistrationOutcome outcome = this.registration.submit(request);

		assertThat(user(tenant, outcome.username()).getId()).isEqualTo(earlier);
		assertThat(realm(tenant).users().searchByEmail(email, true)).hasSize(1);
	}

	@Test
	void submitWhenTheTransactionFailsAfterTheAccountWasCreatedThenTheAccountIsDeletedAndTheUsernameFreeAgain() {
		TenantDefinition tenant = tenant("fresnes");
		String email = unique("rollback") + "@example.org";
		RegistrationRequest request = request(tenant, email, "b" + unique(""), Map.of());
		RegistrationService failing = new KeycloakRegistrationService(new CitizenAccounts(this.clusters), this.records,
				this.registrations, (t, account, at) -> {
					throw new IllegalStateException("activation could not be stored");
				}, this.transactions, Clock.systemUTC());

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> failing.submit(request));

		assertThat(realm(tenant).users().searchByEmail(email, true)).isEmpty();
		assertThat(this.registration.isUsernameAvailable(tenant, request.username())).isTrue();
		assertThat(registrationRows(tenant, request.registrationId())).isZero();
		// the citizen submits again: one account, stored
		assertThat(this.registration.submit(request).state()).isEqualTo(ActivationState.AWAITING_EMAIL_CONFIRMATION);
		assertThat(realm(tenant).users().searchByEmail(email, true)).hasSize(1);
	}

	@Test
	void submitWhenAnEarlierAttemptsAccountHoldsTheUsernameThenReusedWithTheNewPassword() {
		TenantDefinition tenant = tenant("ccplm");
		String email = unique("again") + "@example.org";
		RegistrationRequest request = request(tenant, email, "a" + unique(""), Map.of());
		// an attempt whose account could not be deleted after its rollback
		String earlier = new CitizenAccounts(this.clusters).create(tenant, new CitizenAccounts.NewAccount(
				request.registrationId(), request.username(), email, "Camille", "Dupré", "Ancien-passw0rd!", false));
		Long oldPasswordSetAt = password(tenant, earlier).getCreatedDate();

		RegistrationOutcome outcome = this.registration.submit(request);

		assertThat(outcome.username()).isEqualTo(request.username());
		assertThat(realm(tenant).users().searchByEmail(email, true)).singleElement()
			.satisfies((user) -> assertThat(user.getId()).isEqualTo(earlier));
		assertThat(password(tenant, earlier).getCreatedDate()).isGreaterThan(oldPasswordSetAt);
	}

	private org.keycloak.representations.idm.CredentialRepresentation password(TenantDefinition tenant, String userId) {
		return realm(tenant).users()
			.get(userId)
			.credentials()
			.stream()
			.filter((c) -> "password".equals(c.getType()))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void submitWhenUsernameTakenThenUsernameTakenExceptionAndNothingStored() {
		TenantDefinition tenant = tenant("fresnes");
		String username = "p" + unique("");
		this.registration.submit(request(tenant, unique("first") + "@example.org", username, Map.of()));
		RegistrationRequest second = request(tenant, unique("second") + "@example.org", username, Map.of());

		assertThat(this.registration.isUsernameAvailable(tenant, username)).isFalse();
		assertThatExceptionOfType(UsernameTakenException.class).isThrownBy(() -> this.registration.submit(second));
		assertThat(registrationRows(tenant, second.registrationId())).isZero();
		assertThat(this.registration.isUsernameAvailable(tenant, "p" + unique(""))).isTrue();
	}

	@Test
	void submitWhenPasswordBreaksTheRealmPolicyThenPasswordRejectedAndNoUser() {
		TenantDefinition tenant = tenant("ccplm");
		String email = unique("weak") + "@example.org";
		RegistrationRequest weak = new RegistrationRequest(UUID.randomUUID(), tenant, "personal", fields(email),
				"w" + unique(""), "abcdefgh", Map.of(), List.of());

		assertThatExceptionOfType(PasswordRejectedException.class).isThrownBy(() -> this.registration.submit(weak))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("invalidPassword"));
		assertThat(realm(tenant).users().searchByEmail(email, true)).isEmpty();
		assertThat(registrationRows(tenant, weak.registrationId())).isZero();
	}

	@Test
	void submitWhenKeycloakUnreachableThenIdentityUnavailableAndNoRowLeft() throws IOException {
		TenantDefinition tenant = tenant("fresnes");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		KeycloakProperties nowhere = new KeycloakProperties(
				Map.of("default",
						new KeycloakProperties.Cluster("http://localhost:" + port, "master", "admin-cli", "admin",
								"x")),
				new KeycloakProperties.Platform("default", "platform", "Plateforme", List.of("localhost")),
				new KeycloakProperties.WebClient("espace-commun-web", List.of(8080)));
		try (KeycloakClusters unreachable = new KeycloakClusters(nowhere)) {
			RegistrationService service = new KeycloakRegistrationService(new CitizenAccounts(unreachable),
					this.records, this.registrations, (t, account, at) -> {
						throw new AssertionError("no activation without an account");
					}, this.transactions, Clock.systemUTC());
			RegistrationRequest request = request(tenant, unique("down") + "@example.org", "d" + unique(""), Map.of());

			assertThatExceptionOfType(IdentityUnavailableException.class).isThrownBy(() -> service.submit(request));
			assertThatExceptionOfType(IdentityUnavailableException.class)
				.isThrownBy(() -> service.isUsernameAvailable(tenant, "anyone"));
			assertThat(registrationRows(tenant, request.registrationId())).isZero();
			// Keycloak back: the same request goes through
			assertThat(this.registration.submit(request).state())
				.isEqualTo(ActivationState.AWAITING_EMAIL_CONFIRMATION);
		}
	}

	@Test
	void activateWhenLinkExpiredThenRefusedAndAccountStaysDisabled() {
		TenantDefinition tenant = tenant("fresnes");
		RegistrationOutcome outcome = this.registration
			.submit(request(tenant, unique("late") + "@example.org", "l" + unique(""), Map.of()));
		UserRepresentation user = user(tenant, outcome.username());
		String expired = this.tokens.issue(tenant, user.getId(), ActivationTokens.Purpose.EMAIL_LINK,
				FRIDAY_EVENING.minus(Duration.ofDays(4)), FRIDAY_EVENING.minus(Duration.ofDays(1)));

		assertThat(this.activation.inspect(tenant, expired).status()).isEqualTo(ActivationTokens.Status.EXPIRED);
		assertThat(this.activation.activate(tenant, expired)).isEmpty();
		assertThat(user(tenant, outcome.username()).isEnabled()).isFalse();
	}

	@Test
	void activateWhenTokenOfAnotherTenantThenUnknown() {
		TenantDefinition fresnes = tenant("fresnes");
		String email = unique("cross") + "@example.org";
		this.registration.submit(request(fresnes, email, "x" + unique(""), Map.of()));
		String token = ReceivedMail.to(email).activationToken();

		assertThat(this.activation.inspect(tenant("ccplm"), token).status()).isEqualTo(ActivationTokens.Status.UNKNOWN);
		assertThat(this.activation.activate(tenant("ccplm"), token)).isEmpty();
	}

	@Test
	void resendWhenAccountWaitsForItsLinkThenNewLinkAndOldOneEnds() {
		TenantDefinition tenant = tenant("fresnes");
		String email = unique("resend") + "@example.org";
		this.registration.submit(request(tenant, email, "s" + unique(""), Map.of()));
		String first = ReceivedMail.to(email).activationToken();

		this.activation.resend(tenant, email);
		this.activation.resend(tenant, "nobody-" + unique("") + "@example.org");

		String second = ReceivedMail.awaitCount(email, 2).get(0).activationToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(this.activation.activate(tenant, first)).isEmpty();
		assertThat(this.activation.activate(tenant, second)).isPresent();
	}

	private int registrationRows(TenantDefinition tenant, UUID registrationId) {
		return this.jdbc.sql("SELECT count(*) FROM t_" + tenant.id() + ".registration WHERE registration_id = ?")
			.param(registrationId)
			.query(Integer.class)
			.single();
	}

	static RegistrationRequest request(TenantDefinition tenant, String email, String username,
			Map<String, String> keys) {
		return new RegistrationRequest(UUID.randomUUID(), tenant, "personal", fields(email), username,
				"Secret-passw0rd!", keys, List.of(new Acceptance("cgu", tenant.terms().version(),
						tenant.terms().sha256(), FRIDAY_EVENING.minus(Duration.ofMinutes(10)))));
	}

	static Map<String, String> fields(String email) {
		Map<String, String> fields = new HashMap<>();
		fields.put("civility", "Madame");
		fields.put("lastName", "Dupré");
		fields.put("firstNames", "Camille");
		fields.put("birthDate", "1985-04-12");
		fields.put("streetNumber", "1");
		fields.put("streetName", "Rue Maurice Ténine");
		fields.put("postalCode", "94260");
		fields.put("city", "Fresnes");
		fields.put("mobile", "06 12 34 56 78");
		fields.put("email", email);
		fields.put("preferredContact", "email");
		return fields;
	}

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private TenantDefinition tenant(String id) {
		return this.catalog.byId(id).orElseThrow();
	}

	private RealmResource realm(TenantDefinition tenant) {
		return new RealmUsers(this.clusters).realm(tenant);
	}

	private UserRepresentation user(TenantDefinition tenant, String username) {
		return new RealmUsers(this.clusters).user(tenant, username);
	}

	private List<String> realmRoles(TenantDefinition tenant, UserRepresentation user) {
		return new RealmUsers(this.clusters).realmRoles(tenant, user);
	}

	// the platform's auto-configuration package, so that every feature's repositories
	// and entities exist (the registry's, the audit log's…)
	@Configuration(proxyBeanMethods = false)
	@ComponentScan({ "fr.espacecommun.tenancy", "fr.espacecommun.onboarding" })
	@Import({ PlatformTestApplication.class, IdentityConfiguration.class, RegistrationConfiguration.class,
			ActivationConfiguration.class, MailConfiguration.class, DeadlineRule.class })
	static class RegistrationTestApplication {

	}

	/**
	 * A fixed clock on a Friday evening, and a simple stand-in for the business calendar
	 * (weekdays only, no holidays) that the deadline test computes by hand.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DeadlineRule {

		@Bean
		Clock clock() {
			return Clock.fixed(FRIDAY_EVENING, PARIS);
		}

		@Bean
		@Primary
		ApprovalDeadlines weekdayHours() {
			return (start, hours) -> {
				ZonedDateTime at = start.atZone(PARIS);
				int left = hours;
				while (left > 0) {
					at = at.plusHours(1);
					DayOfWeek day = at.minusMinutes(1).getDayOfWeek();
					if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
						left--;
					}
				}
				return at.toInstant();
			};
		}

	}

}
