package fr.espacecommun.activation.internal;

import java.time.Clock;

import fr.espacecommun.activation.ActivationHoldings;
import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.mail.CommuneMailer;
import fr.espacecommun.mail.MailTemplates;
import fr.espacecommun.registration.ActivationPolicy;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.tenancy.TenantTransactions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires activation: links, deadlines, pre-provisioned accounts and their mails. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkProperties.class)
public class ActivationConfiguration {

	private final Clock clock;

	private final TenantTransactions transactions;

	ActivationConfiguration(Clock clock, TenantTransactions transactions) {
		this.clock = clock;
		this.transactions = transactions;
	}

	@Bean
	ActivationTokens activationTokens(ActivationTokenRepository rows) {
		return new ActivationTokens(rows, this.transactions);
	}

	@Bean
	ActivationHoldings activationHoldings(ActivationTokenRepository tokens, PreProvisionedRowRepository accounts) {
		return new ActivationHoldings(tokens, accounts);
	}

	@Bean
	ActivationMails activationMails(CommuneMailer mailer, MailTemplates templates, LinkProperties links) {
		return new ActivationMails(mailer, templates, links);
	}

	/**
	 * The French business calendar; a {@link BusinessCalendar} bean is used if the
	 * context has one.
	 */
	@Bean
	ApprovalDeadlines approvalDeadlines(ObjectProvider<BusinessCalendar> calendar) {
		BusinessCalendar businessCalendar = calendar.getIfAvailable(BusinessCalendar::new);
		return businessCalendar::addBusinessHours;
	}

	@Bean
	ActivationPolicy activationPolicy(ActivationTokens tokens, ActivationMails mails, ApprovalDeadlines deadlines) {
		return new ActivationOnSubmit(tokens, mails, deadlines);
	}

	@Bean
	PreProvisioning preProvisioning(CitizenAccounts accounts, CitizenRecords records, PreProvisionedRowRepository rows,
			ActivationTokens tokens, ActivationMails mails) {
		return new PreProvisioning(accounts, records, rows, tokens, mails, new GeneratedPasswords(), this.transactions,
				this.clock);
	}

	@Bean
	Personalisation personalisation(ActivationTokens tokens, PreProvisionedRowRepository rows, CitizenAccounts accounts,
			CitizenRecords records) {
		return new Personalisation(tokens, rows, new GeneratedPasswords(), accounts, records, this.transactions,
				this.clock);
	}

	@Bean
	AccountActivation accountActivation(ActivationTokens tokens, CitizenAccounts accounts, CitizenRecords records,
			ActivationMails mails, PreProvisioning preProvisioning) {
		return new AccountActivation(tokens, accounts, records, mails, preProvisioning, this.transactions, this.clock);
	}

}
