package fr.espacecommun.mail.internal;

import fr.espacecommun.mail.CommuneMail;
import fr.espacecommun.mail.CommuneMailer;
import fr.espacecommun.mail.CommuneMailer.MailPreparationException;
import fr.espacecommun.mail.CommuneMailer.MailRequested;
import fr.espacecommun.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends the mails kept in the durable outbox once their transaction committed, on a task
 * thread. A mail is recorded in {@code outbox_mail_sent} (schema platform) under its id
 * in the transaction that hands it to the SMTP server: a publication run again (retry, a
 * second instance, a stale one) finds the row and sends nothing, and the uncommitted row
 * makes a concurrent run wait, then skip. What this gives is at-least-once hand-off to
 * SMTP with de-duplication: the mail is sent twice only if the process dies between the
 * SMTP server's acceptance and the commit of that row (milliseconds).
 */
class OutboxMails {

	private static final Logger logger = LoggerFactory.getLogger(OutboxMails.class);

	private final CommuneMailer mailer;

	private final MailSentRepository sent;

	private final TenantTransactions transactions;

	OutboxMails(CommuneMailer mailer, MailSentRepository sent, TenantTransactions transactions) {
		this.mailer = mailer;
		this.sent = sent;
		this.transactions = transactions;
	}

	/**
	 * Sends the mail once; an exception leaves the publication failed, to be retried by
	 * the outbox.
	 */
	@Async
	@TransactionalEventListener(fallbackExecution = true)
	public void send(MailRequested request) {
		CommuneMail mail = request.mail();
		// the commune's transaction (its logs name it); the record sits in schema
		// platform
		this.transactions.execute(mail.tenantId(), () -> {
			if (this.sent.claim(request.id(), mail.tenantId()) == 0) {
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
		});
	}

}
