package fr.espacecommun.activation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import fr.espacecommun.activation.internal.ActivationMails.DigestItem;
import fr.espacecommun.activation.internal.ApprovalQueue.PendingAccount;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.audit.internal.AuditEntry;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.support.FrenchDates;
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

	/** Tuesday 1 December 2026, 18:00 in Paris. */
	private static final Instant DEADLINE = Instant.parse("2026-12-01T17:00:00Z");

	/** Friday 27 November 2026, 10:00 in Paris. */
	private static final Instant SUBMITTED = Instant.parse("2026-11-27T09:00:00Z");

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
		assertThat(lateLine).contains("EN RETARD", "à activer au plus tard le " + FrenchDates.dateTime(deadline), late,
				"demande du " + FrenchDates.dateTime(submitted));
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

	@Test
	void deadlineWhenFirstOfDecemberThenCitizenMailStaffQueueAndDigestWordItAlike() throws Exception {
		TenantDefinition villennes = tenant("villennes");
		String username = register(villennes, "Inès", "Premier");
		String email = "digest." + username.substring(1) + "@example.org";
		JdbcClient.create(this.dataSource)
			.sql("UPDATE t_villennes.registration SET created_at = ?, deadline = ? WHERE username = ?")
			.params(Timestamp.from(SUBMITTED), Timestamp.from(DEADLINE), username)
			.update();
		String agent = staff(villennes);

		// the citizen's mail, as sent when an account awaits approval
		String userId = new RealmUsers(this.clusters).user(villennes, username).getId();
		this.transactions.run(villennes, () -> {
			this.mails.awaitingApproval(villennes, new CreatedAccount(userId, username, email, "Inès", "Premier"),
					DEADLINE);
			return null;
		});
		assertThat(ReceivedMail.awaitCount(email, 2)).anySatisfy((mail) -> assertThat(mail.text())
			.contains("Elle sera effective au plus tard le mardi 1er décembre 2026 à 18 h 00."));

		// the staff's queue
		SignedIn staff = signInAsAdmin("villennes");
		String queue = text(staff.browser().open(url("villennes", "/admin/comptes")));
		int at = queue.indexOf(username);
		assertThat(at).as(username + " in the queue").isNotNegative();
		assertThat(queue.substring(queue.lastIndexOf("<tr", at), queue.indexOf("</tr>", at)))
			.contains("mardi 1er décembre 2026 à 18 h 00", "vendredi 27 novembre 2026 à 10 h 00");

		// the staff's daily digest, as the job writes its line (the job itself runs once
		// per JVM: the test above counts its journal entries)
		PendingAccount pending = this.queue.account(villennes, userId).orElseThrow();
		this.transactions.run(villennes, () -> {
			this.mails.digest(villennes, agent, 1, 1, List.of(DigestItem.of(pending)));
			return null;
		});
		assertThat(line(ReceivedMail.to(agent).text(), "Inès Premier")).contains(
				"à activer au plus tard le mardi 1er décembre 2026 à 18 h 00",
				"demande du vendredi 27 novembre 2026 à 10 h 00");
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
