package fr.espacecommun.activation;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import fr.espacecommun.activation.internal.ActivationMails;
import fr.espacecommun.activation.internal.ActivationTokens;
import fr.espacecommun.activation.internal.ActivationTokens.Purpose;
import fr.espacecommun.activation.internal.GeneratedPasswords;
import fr.espacecommun.activation.internal.PreProvisionedRow;
import fr.espacecommun.activation.internal.PreProvisionedRowRepository;
import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.CitizenAccounts.NewAccount;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService.EmailTakenException;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts a commune creates for its citizens (Vélizy; Villennes' former Portail Famille
 * users): a generated username and password, the service keys the commune knows, and a
 * mail with both and an activation link. The account stays disabled until the citizen has
 * personalised it ({@link Personalisation}). Used by the admin import.
 */
public class PreProvisioning {

	private static final Logger logger = LoggerFactory.getLogger(PreProvisioning.class);

	private final CitizenAccounts accounts;

	private final CitizenRecords records;

	private final PreProvisionedRowRepository rows;

	private final ActivationTokens tokens;

	private final ActivationMails mails;

	private final GeneratedPasswords passwords;

	private final TenantTransactions transactions;

	private final Clock clock;

	public PreProvisioning(CitizenAccounts accounts, CitizenRecords records, PreProvisionedRowRepository rows,
			ActivationTokens tokens, ActivationMails mails, GeneratedPasswords passwords,
			TenantTransactions transactions, Clock clock) {
		this.accounts = accounts;
		this.records = records;
		this.rows = rows;
		this.tokens = tokens;
		this.mails = mails;
		this.passwords = passwords;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Creates the account, stores its keys and mails the citizen.
	 * @param serviceKeys service key values by service id ({@code enfance})
	 * @throws EmailTakenException if an account of the realm has this e-mail
	 */
	public PreProvisionedAccount create(TenantDefinition tenant, String lastName, String firstNames, String email,
			Map<String, String> serviceKeys) {
		if (!this.accounts.isEmailFree(tenant, email)) {
			throw new EmailTakenException(email);
		}
		String password = this.passwords.generate(tenant.passwordPolicy());
		String userId = null;
		String username = null;
		for (int attempt = 0; userId == null; attempt++) {
			username = candidateUsername(firstNames, lastName, attempt);
			try {
				userId = this.accounts.create(tenant,
						new NewAccount(null, username, email, firstNames, lastName, password, false));
			}
			catch (UsernameTakenException ex) {
				if (ex instanceof EmailTakenException || attempt >= 20) {
					throw ex;
				}
			}
		}
		String createdId = userId;
		String createdUsername = username;
		try {
			return this.transactions.run(tenant, () -> {
				Instant now = this.clock.instant();
				this.rows.save(new PreProvisionedRow(createdId, createdUsername, this.passwords.hash(password), now));
				this.records.saveProfile(tenant, createdId, "personal", Map.of(), now);
				this.records.linkServiceKeys(tenant, createdId, serviceKeys, now);
				mail(tenant, new CreatedAccount(createdId, createdUsername, email, firstNames, lastName), password,
						now);
				logger.info("Pre-provisioned account {} created", createdId);
				return new PreProvisionedAccount(createdId, createdUsername);
			});
		}
		catch (RuntimeException ex) {
			// without its row the account could never be activated: take it back so the
			// import can simply be run again
			logger.warn("Pre-provisioning of {} failed; removing the Keycloak account", createdId, ex);
			this.accounts.delete(tenant, createdId);
			throw ex;
		}
	}

	/**
	 * Mails the citizen a new password and link, if the account is still waiting for its
	 * personalisation. Runs in the caller's transaction.
	 */
	public void resend(TenantDefinition tenant, String userId) {
		PreProvisionedRow row = this.rows.findById(userId).orElse(null);
		if (row == null || row.personalised()) {
			return;
		}
		var user = this.accounts.get(tenant, userId);
		String password = this.passwords.generate(tenant.passwordPolicy());
		this.accounts.setPassword(tenant, userId, password);
		this.accounts.rename(tenant, userId, row.getGeneratedUsername());
		Instant now = this.clock.instant();
		row.replacePassword(this.passwords.hash(password));
		this.tokens.revokeAll(tenant, userId, now);
		mail(tenant, new CreatedAccount(userId, row.getGeneratedUsername(), user.getEmail(), user.getFirstName(),
				user.getLastName()), password, now);
	}

	private void mail(TenantDefinition tenant, CreatedAccount account, String password, Instant now) {
		Instant expiresAt = now.plus(Duration.ofHours(tenant.activation().linkValidityHours()));
		String token = this.tokens.issue(tenant, account.userId(), Purpose.PRE_PROVISIONED, now, expiresAt);
		this.mails.preProvisioned(tenant, account, password, token, expiresAt);
	}

	/**
	 * First letter of the first name, the last name, then digits: "mdupont42". Letters
	 * only, accents removed; more digits as attempts fail.
	 */
	static String candidateUsername(String firstNames, String lastName, int attempt) {
		String first = ascii(firstNames);
		String last = ascii(lastName);
		String base = (first.isEmpty() ? "" : first.substring(0, 1)) + last;
		if (base.isEmpty()) {
			base = "usager";
		}
		base = base.substring(0, Math.min(base.length(), 40));
		int digits = 2 + attempt / 5;
		int bound = (int) Math.pow(10, digits);
		return base + String.format("%0" + digits + "d", ThreadLocalRandom.current().nextInt(bound));
	}

	private static String ascii(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z]", "");
	}

	/**
	 * An account the commune created.
	 *
	 * @param userId Keycloak user id
	 * @param username the generated username mailed to the citizen
	 */
	public record PreProvisionedAccount(String userId, String username) {
	}

}
