package fr.espacecommun.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Wires the communes' mails. */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

	@Bean
	CommuneMailer communeMailer(JavaMailSender sender, ApplicationEventPublisher events) {
		return new CommuneMailer(sender, events);
	}

	@Bean
	MailTemplates mailTemplates() {
		return new MailTemplates();
	}

	@Bean
	AfterCommitMails afterCommitMails(CommuneMailer mailer) {
		return new AfterCommitMails(mailer);
	}

	/** Sends requested mails once their transaction committed. */
	static class AfterCommitMails {

		private static final Logger logger = LoggerFactory.getLogger(AfterCommitMails.class);

		private final CommuneMailer mailer;

		AfterCommitMails(CommuneMailer mailer) {
			this.mailer = mailer;
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
		void send(CommuneMailer.MailRequested request) {
			try {
				this.mailer.send(request.mail());
			}
			catch (RuntimeException ex) {
				// the account exists and the citizen can ask for the mail again
				// ("Renvoyer
				// le lien"); a durable outbox (issue 6) will retry instead
				logger.error("Mail not sent after commit: {}", request.mail(), ex);
			}
		}

	}

}
