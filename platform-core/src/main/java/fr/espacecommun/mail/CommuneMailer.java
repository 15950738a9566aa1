package fr.espacecommun.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import fr.espacecommun.outbox.TenantEvent;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the communes' mails over SMTP. {@link #sendAfterCommit} is what business code
 * uses: the mail is kept in the durable outbox by the transaction that decided it, and
 * leaves once that transaction has committed, retried until the SMTP server took it.
 */
public class CommuneMailer {

	private static final Logger logger = LoggerFactory.getLogger(CommuneMailer.class);

	private final JavaMailSender sender;

	private final ApplicationEventPublisher events;

	public CommuneMailer(JavaMailSender sender, ApplicationEventPublisher events) {
		this.sender = sender;
		this.events = events;
	}

	/**
	 * Sends the mail once the current transaction commits, at once when there is none.
	 * The {@link MailRequested} event is kept by Spring Modulith's event publication
	 * registry in the same transaction ({@code platform.event_publication}) until sent.
	 */
	public void sendAfterCommit(CommuneMail mail) {
		this.events.publishEvent(new MailRequested(UUID.randomUUID(), mail));
	}

	/**
	 * Sends the mail once the current transaction commits, at once when there is none,
	 * without keeping it in the outbox: for mails that carry a secret (a generated
	 * password), which the platform never stores. If the SMTP server is down, the mail is
	 * lost and staff send a new one ("Renvoyer"), which makes a new secret.
	 */
	public void sendAfterCommitUnkept(CommuneMail mail) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			sendLogged(mail);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				sendLogged(mail);
			}

		});
	}

	private void sendLogged(CommuneMail mail) {
		try {
			send(mail);
		}
		catch (RuntimeException ex) {
			logger.error("Mail not sent after commit: {}", mail, ex);
		}
	}

	/** Sends the mail now. */
	public void send(CommuneMail mail) {
		try {
			MimeMessage message = this.sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			helper.setFrom(new InternetAddress(mail.from(), mail.fromName(), StandardCharsets.UTF_8.name()));
			InternetAddress to = new InternetAddress(mail.to(), true);
			helper.setTo(to);
			helper.setSubject(mail.subject());
			helper.setText(mail.text(), mail.html());
			this.sender.send(message);
			logger.info("Mail sent: {}", mail.subject());
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new MailPreparationException(mail, ex);
		}
	}

	/**
	 * A mail asked for by a transaction, sent after its commit.
	 *
	 * @param id the mail's identity, under which it is recorded as sent once
	 * @param mail the mail
	 */
	public record MailRequested(UUID id, CommuneMail mail) implements TenantEvent {

		@Override
		public String tenantId() {
			return this.mail.tenantId();
		}

	}

	/** The mail could not be built (an invalid address). */
	public static class MailPreparationException extends MailException {

		MailPreparationException(CommuneMail mail, Exception cause) {
			super("Cannot prepare " + mail + ": " + cause.getMessage(), cause);
		}

	}

}
