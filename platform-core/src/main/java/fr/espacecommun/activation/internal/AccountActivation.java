package fr.espacecommun.activation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.activation.internal.ActivationTokens.Purpose;
import fr.espacecommun.activation.internal.ActivationTokens.Token;
import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activation links: what a link is, activating an account by its link (only on an
 * explicit POST, so mail scanners that follow links activate nothing), and mailing a new
 * link.
 */
public class AccountActivation {

	private static final Logger logger = LoggerFactory.getLogger(AccountActivation.class);

	private final ActivationTokens tokens;

	private final CitizenAccounts accounts;

	private final CitizenRecords records;

	private final ActivationMails mails;

	private final PreProvisioning preProvisioning;

	private final TenantTransactions transactions;

	private final Clock clock;

	AccountActivation(ActivationTokens tokens, CitizenAccounts accounts, CitizenRecords records, ActivationMails mails,
			PreProvisioning preProvisioning, TenantTransactions transactions, Clock clock) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.records = records;
		this.mails = mails;
		this.preProvisioning = preProvisioning;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** What the link is, without using it. */
	public Token inspect(TenantDefinition tenant, String token) {
		return this.transactions.run(tenant, () -> this.tokens.inspect(tenant, token, this.clock.instant()));
	}

	/**
	 * Enables the account of an e-mail link, once.
	 * @return the account's username, or empty if the link is unknown, expired or used
	 */
	public Optional<String> activate(TenantDefinition tenant, String token) {
		return this.transactions.run(tenant, () -> {
			Instant now = this.clock.instant();
			Optional<String> userId = this.tokens.use(tenant, token, Purpose.EMAIL_LINK, now);
			userId.ifPresent((id) -> {
				this.accounts.enable(tenant, id, true);
				this.records.markRegistrationActive(tenant, id, now);
				logger.info("Account {} activated by its link", id);
			});
			return userId.map((id) -> this.accounts.get(tenant, id).getUsername());
		});
	}

	/**
	 * Mails a new link to the address if it belongs to an account still waiting for one;
	 * says nothing either way, so the form reveals no account.
	 */
	public void resend(TenantDefinition tenant, String email) {
		Optional<UserRepresentation> user = this.accounts.findByEmail(tenant, email);
		if (user.isEmpty() || Boolean.TRUE.equals(user.get().isEnabled())) {
			logger.info("New activation link asked for an address without a waiting account");
			return;
		}
		UserRepresentation account = user.get();
		this.transactions.run(tenant, () -> {
			if (this.records.hasPendingEmailLink(tenant, account.getId())) {
				Instant now = this.clock.instant();
				this.tokens.revokeAll(tenant, account.getId(), now);
				Instant expiresAt = now.plus(Duration.ofHours(tenant.activation().linkValidityHours()));
				String token = this.tokens.issue(tenant, account.getId(), Purpose.EMAIL_LINK, now, expiresAt);
				this.mails.activationLink(tenant, new CreatedAccount(account.getId(), account.getUsername(),
						account.getEmail(), account.getFirstName(), account.getLastName()), token, expiresAt);
			}
			else {
				this.preProvisioning.resend(tenant, account.getId());
			}
			return null;
		});
	}

}
