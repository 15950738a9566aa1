package fr.espacecommun.mail;

import fr.espacecommun.mail.CommuneMailer.MailPreparationException;
import fr.espacecommun.mail.CommuneMailer.MailRequested;
import fr.espacecommun.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the mails kept in the durable outbox once their transaction committed, on a task
 * thread. A mail is recorded in {@code platform.outbox_mail_sent} under its id in the
 * transaction that hands it to the SMTP server: a publication run again (retry, a second
 * instance, a stale one) finds the row and sends nothing, and the uncommitted row makes a
 * concurrent run wait, then skip. What this gives is at-least-once hand-off to SMTP with
 * de-duplication: the mail is sent twice only if the process dies between the SMTP
 * server's acceptance and the commit of that row (milliseconds).
 */
class OutboxMails {

	private static final Logger logger = LoggerFactory.getLogger(OutboxMails.class);

	private final CommuneMailer mailer;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	OutboxMails(CommuneMailer mailer, DataSource dataSource, TransactionTemplate transaction) {
		this.mailer = mailer;
		this.jdbc = JdbcClient.create(dataSource);
		this.transaction = transaction;
	}

	/**
	 * Sends the mail once; an exception leaves the publication failed, to be retried by
	 * the outbox.
	 */
	@Async
	@TransactionalEventListener(fallbackExecution = true)
	public void send(MailRequested request) {
		CommuneMail mail = request.mail();
		TenantContext.runAs(mail.tenantId(), () -> this.transaction.executeWithoutResult((status) -> {
			int claimed = this.jdbc.sql("""
					INSERT INTO platform.outbox_mail_sent (mail_id, tenant_id, sent_at) VALUES (?, ?, now())
					ON CONFLICT (mail_id) DO NOTHING""").param(request.id()).param(mail.tenantId()).update();
			if (claimed == 0) {
				logger.info("Mail {} already sent: not sent again", request.id());
				return;
			}
			try {
				this.mailer.send(mail);
			}
			catch (MailPreparationException ex) {
				// an address no retry will make valid: recorded as done, not retried
				logger.error("Mail {} cannot be built, dropped: {}", request.id(), ex.getMessage());
			}
		}));
	}

}
