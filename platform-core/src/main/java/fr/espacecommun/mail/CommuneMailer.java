package fr.espacecommun.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends the communes' mails over SMTP. {@link #sendAfterCommit} is what business code
 * uses: the mail leaves only once the transaction that decided it has committed.
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
	 * <p>
	 * Seam for the durable outbox (issue 6): the {@link MailRequested} event is what
	 * Spring Modulith's event publication registry would persist and replay.
	 */
	public void sendAfterCommit(CommuneMail mail) {
		this.events.publishEvent(new MailRequested(mail));
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

	/** A mail asked for by a transaction, sent after its commit. */
	public record MailRequested(CommuneMail mail) {
	}

	/** The mail could not be built (an invalid address). */
	public static class MailPreparationException extends MailException {

		MailPreparationException(CommuneMail mail, Exception cause) {
			super("Cannot prepare " + mail + ": " + cause.getMessage(), cause);
		}

	}

}
