package fr.espacecommun.mail.internal;

import fr.espacecommun.mail.CommuneMailer;
import fr.espacecommun.mail.MailTemplates;
import fr.espacecommun.tenancy.TenantTransactions;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Wires the communes' mails and their durable outbox. */
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
	OutboxMails outboxMails(CommuneMailer mailer, MailSentRepository sent, TenantTransactions transactions) {
		return new OutboxMails(mailer, sent, transactions);
	}

}
