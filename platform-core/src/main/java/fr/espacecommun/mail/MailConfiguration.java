package fr.espacecommun.mail;

import javax.sql.DataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
	OutboxMails outboxMails(CommuneMailer mailer, DataSource dataSource,
			PlatformTransactionManager transactionManager) {
		return new OutboxMails(mailer, dataSource, new TransactionTemplate(transactionManager));
	}

}
