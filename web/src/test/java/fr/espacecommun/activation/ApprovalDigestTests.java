package fr.espacecommun.activation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import fr.espacecommun.audit.AuditEntry;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily digest to the communes' staff, run by calling the job (the clock never
 * triggers it in tests: {@code espace.activation.digest-cron=-}), read in the mails the
 * SMTP catcher received; a second platform instance sharing the database finds the lock
 * held and sends nothing.
 */
class ApprovalDigestTests extends LiveServerTest {

	private static final DateTimeFormatter FRENCH = DateTimeFormatter
		.ofPattern("EEEE d MMMM uuuu 'à' HH'h'mm", Locale.FRENCH)
		.withZone(ZoneId.of("Europe/Paris"));

	@Autowired
	private ApprovalDigest digest;

	@Autowired
	private RegistrationService registration;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private ApprovalQueue queue;

	@Autowired
	private ActivationMails mails;

	@Autowired
	private AuditLog audit;

	@Autowired
	private DigestProperties properties;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private LockProvider lockProvider;

	@Test
	void digestWhenVillennesHasPendingAccountsThenItsStaffAreMailedOnceEvenWithASecondInstance() throws Exception {
		TenantDefinition villennes = tenant("villennes");
		String onTime = register(villennes, "Rose", "Attente");
		String late = register(villennes, "Marc", "Entard");
		Instant submitted = Instant.now().minus(Duration.ofDays(10));
		Instant deadline = new BusinessCalendar().addBusinessHours(submitted, 48);
		JdbcClient.create(this.dataSource)
			.sql("UPDATE t_villennes.registration SET created_at = ?, deadline = ? WHERE username = ?")
			.params(Timestamp.from(submitted), Timestamp.from(deadline), late)
			.update();
		String villennesAgent = staff(villennes);
		String fresnesAgent = staff(tenant("fresnes"));
		// whatever a previous run in this database left
		JdbcClient.create(this.dataSource)
			.sql("DELETE FROM platform.shedlock WHERE name = ?")
			.param(ApprovalDigest.LOCK_NAME)
			.update();

		assertThat(this.digest.run()).as("the first instance runs the digest").isTrue();

		ReceivedMail mail = ReceivedMail.to(villennesAgent);
		assertThat(mail.fromAddress()).isEqualTo("nepasrepondre-villennes@espace-commun.fr");
		assertThat(mail.subject()).isEqualTo(
				"Mon Espace Citoyen Villennois – Ville de Villennes-sur-Seine : comptes en attente d'activation");
		assertThat(mail.text()).containsPattern("\\d+ comptes attendent votre décision, dont \\d+ en retard")
			.contains("Pour les traiter : http://villennes.localhost:8080/admin/comptes");
		String lateLine = line(mail.text(), "Marc Entard");
		assertThat(lateLine).contains("EN RETARD", "à activer au plus tard le " + FRENCH.format(deadline), late,
				"demande du " + FRENCH.format(submitted));
		assertThat(line(mail.text(), "Rose Attente")).contains("Dans les délais", onTime);
		assertThat(mail.text().indexOf("Marc Entard")).as("earliest deadline first")
			.isLessThan(mail.text().indexOf("Rose Attente"));
		assertThat(mail.html()).contains("<th scope=\"col\">État</th>", "Marc Entard");
		assertThat(ReceivedMail.all(fresnesAgent)).as("Fresnes has no account awaiting approval").isEmpty();
		List<AuditEntry> entries = TenantContext
			.callAs("villennes",
					() -> this.audit.page(0, 200).stream().filter((e) -> e.getAction().equals("account.digest.sent")))
			.toList();
		assertThat(entries).singleElement()
			.satisfies((entry) -> assertThat(entry.getActor()).isEqualTo(AuditLog.SYSTEM));

		// another platform instance, sharing only the database, fires the same morning
		ApprovalDigest otherInstance = new ApprovalDigest(this.catalog, this.registry, this.queue,
				new StaffDirectory(this.clusters), this.mails, this.audit, this.transactions,
				new DefaultLockingTaskExecutor(this.lockProvider), this.properties, Clock.systemUTC());
		assertThat(otherInstance.run()).as("the lock is held").isFalse();
		Thread.sleep(500);
		assertThat(ReceivedMail.all(villennesAgent)).hasSize(1);
		assertThat(this.registry.find("villennes")).isPresent();
	}

	private String register(TenantDefinition tenant, String firstName, String lastName) {
		String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String email = "digest." + unique + "@example.org";
		String username = "d" + unique;
		RegistrationOutcome outcome = this.registration
			.submit(new RegistrationRequest(UUID.randomUUID(), tenant, "personal",
					Map.of("civility", "Monsieur", "lastName", lastName, "firstNames", firstName, "email", email),
					username, "Villennes-2026-Passe!", Map.of(),
					List.of(new Acceptance("cgu", tenant.terms().version(), tenant.terms().sha256(), Instant.now()))));
		assertThat(outcome.activationDeadline()).isNotNull();
		return username;
	}

	/** A staff member (role tenant-admin) of the commune, with an e-mail address. */
	private String staff(TenantDefinition tenant) {
		String name = "agent-recap-" + UUID.randomUUID().toString().substring(0, 8);
		String email = name + "@" + tenant.id() + ".example.org";
		this.provisioner.ensureUser(tenant, name, email, "Dominique", "Agent", STAFF_PASSWORD, "tenant-admin");
		assertThat(new RealmUsers(this.clusters).user(tenant, name).isEnabled()).isTrue();
		return email;
	}

	private static String line(String text, String needle) {
		int at = text.indexOf(needle);
		assertThat(at).as(needle + " in " + text).isNotNegative();
		// an item is two lines: status and deadline, then the citizen
		int start = text.lastIndexOf("\n- ", at);
		int end = text.indexOf('\n', at);
		return text.substring(start, (end < 0) ? text.length() : end);
	}

}
