package fr.espacecommun.mail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import fr.espacecommun.PlatformTestApplication;
import fr.espacecommun.identity.internal.IdentityConfiguration;
import fr.espacecommun.mail.CommuneMail;
import fr.espacecommun.mail.CommuneMail.MailBody;
import fr.espacecommun.mail.CommuneMailer;
import fr.espacecommun.mail.CommuneMailer.MailRequested;
import fr.espacecommun.outbox.internal.OutboxConfiguration;
import fr.espacecommun.outbox.internal.OutboxRetries;
import fr.espacecommun.runtime.EmbeddedSmtp;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The communes' mails through the durable outbox, against a real SMTP catcher that this
 * test stops and starts: a mail whose SMTP server is down at commit is kept and sent once
 * when it is back; a mail delivered twice to its listener leaves once.
 */
@SpringBootTest(classes = OutboxMailsTests.OutboxTestApplication.class,
		properties = { "spring.mail.host=127.0.0.1", "espace.outbox.retry-interval=PT1H" })
class OutboxMailsTests {

	private static final int SMTP_PORT = freePort();

	private static EmbeddedSmtp smtp;

	@Autowired
	private CommuneMailer mailer;

	@Autowired
	private OutboxMails outboxMails;

	@Autowired
	private OutboxRetries outbox;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@DynamicPropertySource
	static void smtpPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@AfterAll
	static void stopSmtp() {
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	void mailWhenSmtpDownAtCommitThenKeptAndSentOnceWhenBack() throws Exception {
		stopCatcher();
		String to = "down-" + UUID.randomUUID() + "@example.org";
		new TransactionTemplate(this.transactionManager)
			.executeWithoutResult((status) -> this.mailer.sendAfterCommit(mail(to)));
		awaitStatus(to, "FAILED");

		EmbeddedSmtp catcher = startCatcher();
		long deadline = System.currentTimeMillis() + 15_000;
		while (mailsTo(catcher, to).isEmpty() && System.currentTimeMillis() < deadline) {
			this.outbox.retryNow();
			Thread.sleep(500);
		}
		assertThat(awaitMails(catcher, to, 1)).singleElement()
			.satisfies((message) -> assertThat(message.getSubject()).isEqualTo("Espace Famille : essai"));
		awaitStatus(to, null);
		this.outbox.retryNow();
		Thread.sleep(500);
		assertThat(mailsTo(catcher, to)).hasSize(1);
	}

	@Test
	void mailWhenDeliveredTwiceToItsListenerThenSentOnce() throws Exception {
		EmbeddedSmtp catcher = startCatcher();
		String to = "twice-" + UUID.randomUUID() + "@example.org";
		MailRequested request = new MailRequested(UUID.randomUUID(), mail(to));

		// a retry racing the first run (two instances, or a stale publication): the
		// second waits for the first's row, then sends nothing
		this.outboxMails.send(request);
		this.outboxMails.send(request);
		awaitMails(catcher, to, 1);
		Thread.sleep(1000);
		this.outboxMails.send(request);
		Thread.sleep(1000);

		assertThat(mailsTo(catcher, to)).hasSize(1);
		assertThat(this.jdbc.queryForObject("select tenant_id from platform.outbox_mail_sent where mail_id = ?",
				String.class, request.id()))
			.isEqualTo("fresnes");
	}

	private CommuneMail mail(String to) {
		TenantDefinition fresnes = this.catalog.byId("fresnes").orElseThrow();
		return CommuneMail.of(fresnes, to, "Espace Famille : essai", new MailBody("Bonjour", "<p>Bonjour</p>"));
	}

	private void awaitStatus(String to, String status) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 15_000;
		String current = statusOf(to);
		while (!Objects.equals(current, status) && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			current = statusOf(to);
		}
		assertThat(current).as("publication of the mail to " + to).isEqualTo(status);
	}

	/** The publication's status, null once completed (completed ones are deleted). */
	private String statusOf(String to) {
		List<String> statuses = this.jdbc.queryForList(
				"select coalesce(status, 'NONE') from platform.event_publication where serialized_event like ?",
				String.class, "%" + to + "%");
		return statuses.isEmpty() ? null : statuses.get(0);
	}

	private static List<MimeMessage> awaitMails(EmbeddedSmtp catcher, String to, int count)
			throws InterruptedException {
		long deadline = System.currentTimeMillis() + 15_000;
		List<MimeMessage> mails = mailsTo(catcher, to);
		while (mails.size() < count && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			mails = mailsTo(catcher, to);
		}
		assertThat(mails).hasSize(count);
		return mails;
	}

	private static List<MimeMessage> mailsTo(EmbeddedSmtp catcher, String to) {
		return catcher.receivedMessages().stream().filter((message) -> {
			try {
				Address[] recipients = message.getAllRecipients();
				return recipients != null && List.of(recipients).toString().contains(to);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static synchronized EmbeddedSmtp startCatcher() {
		if (smtp == null) {
			smtp = new EmbeddedSmtp(SMTP_PORT);
		}
		return smtp;
	}

	private static synchronized void stopCatcher() {
		if (smtp != null) {
			smtp.stop();
			smtp = null;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// the platform's auto-configuration package, so that every feature's repositories
	// and entities exist (the registry's, the audit log's…)
	@Configuration(proxyBeanMethods = false)
	@ComponentScan({ "fr.espacecommun.tenancy", "fr.espacecommun.onboarding" })
	@Import({ PlatformTestApplication.class, IdentityConfiguration.class, MailConfiguration.class,
			OutboxConfiguration.class })
	static class OutboxTestApplication {

	}

}
