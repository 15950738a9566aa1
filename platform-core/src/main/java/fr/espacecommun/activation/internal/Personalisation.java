package fr.espacecommun.activation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.activation.internal.ActivationTokens.Purpose;
import fr.espacecommun.activation.internal.ActivationTokens.Status;
import fr.espacecommun.activation.internal.ActivationTokens.Token;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The citizen's side of a pre-provisioned account, as Vélizy's guide walks it: sign in
 * with the mailed credentials, choose one's own username and password, check the service
 * keys the commune filled in, accept the CGU last; the account is then enabled.
 * <p>
 * The mailed credentials are checked here, not by Keycloak: the account is disabled until
 * the end, and a disabled account cannot obtain a token. The link's token (256 random
 * bits, single use) plus the generated password, kept as a PBKDF2 hash only until the
 * personalisation ends, are the proof; no Keycloak client with password grant is needed.
 */
public class Personalisation {

	private static final Logger logger = LoggerFactory.getLogger(Personalisation.class);

	private final ActivationTokens tokens;

	private final PreProvisionedRowRepository rows;

	private final GeneratedPasswords passwords;

	private final CitizenAccounts accounts;

	private final CitizenRecords records;

	private final TenantTransactions transactions;

	private final Clock clock;

	Personalisation(ActivationTokens tokens, PreProvisionedRowRepository rows, GeneratedPasswords passwords,
			CitizenAccounts accounts, CitizenRecords records, TenantTransactions transactions, Clock clock) {
		this.tokens = tokens;
		this.rows = rows;
		this.passwords = passwords;
		this.accounts = accounts;
		this.records = records;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Whether the mailed username and password are those of the link's account. */
	public boolean signIn(TenantDefinition tenant, String token, String username, String password) {
		Optional<PreProvisionedRow> row = account(tenant, token);
		boolean ok = row.isPresent() && row.get().getPasswordHash() != null
				&& row.get().getGeneratedUsername().equals(CitizenAccounts.normalise(username))
				&& this.passwords.matches(password, row.get().getPasswordHash());
		if (!ok) {
			logger.info("Personalisation sign-in refused");
		}
		return ok;
	}

	/**
	 * Gives the account the citizen's own username and password, at once in Keycloak (the
	 * platform never holds a password between steps); the account stays disabled.
	 * @throws UsernameTakenException if another account holds the username
	 * @throws fr.espacecommun.registration.RegistrationService.PasswordRejectedException
	 * if the realm's policy refuses the password
	 */
	public void chooseCredentials(TenantDefinition tenant, String token, String username, String password) {
		PreProvisionedRow row = account(tenant, token).orElseThrow(InvalidLinkException::new);
		String current = this.accounts.get(tenant, row.getKeycloakUserId()).getUsername();
		String wanted = CitizenAccounts.normalise(username);
		if (!wanted.equals(current) && !this.accounts.isUsernameFree(tenant, wanted)) {
			throw new UsernameTakenException(wanted);
		}
		this.accounts.rename(tenant, row.getKeycloakUserId(), wanted);
		this.accounts.setPassword(tenant, row.getKeycloakUserId(), password);
		this.transactions.execute(tenant,
				() -> this.rows.findById(row.getKeycloakUserId())
					.orElseThrow(InvalidLinkException::new)
					.credentialsChosen(this.clock.instant()));
	}

	/** Whether the citizen already chose their username and password. */
	public boolean credentialsChosen(TenantDefinition tenant, String token) {
		return account(tenant, token).map(PreProvisionedRow::credentialsChosen).orElse(false);
	}

	/** The account's current username. */
	public String username(TenantDefinition tenant, String token) {
		PreProvisionedRow row = account(tenant, token).orElseThrow(InvalidLinkException::new);
		return this.accounts.get(tenant, row.getKeycloakUserId()).getUsername();
	}

	/**
	 * The service keys linked to the account, by service id (the commune's, prefilled).
	 */
	public Map<String, String> serviceKeys(TenantDefinition tenant, String token) {
		PreProvisionedRow row = account(tenant, token).orElseThrow(InvalidLinkException::new);
		Map<String, String> keys = new LinkedHashMap<>();
		this.records.serviceKeys(tenant, row.getKeycloakUserId())
			.forEach((service, key) -> keys.put(service, key.value()));
		return keys;
	}

	/** Stores the keys as the citizen left them. */
	public void saveServiceKeys(TenantDefinition tenant, String token, Map<String, String> keys) {
		PreProvisionedRow row = account(tenant, token).orElseThrow(InvalidLinkException::new);
		this.records.linkServiceKeys(tenant, row.getKeycloakUserId(), keys, this.clock.instant());
	}

	/**
	 * Last step: stores the CGU acceptance as proof, uses the link and enables the
	 * account, in one transaction (a Keycloak failure gives the link back).
	 * @return the account's username
	 */
	public String acceptTermsAndActivate(TenantDefinition tenant, String token) {
		PreProvisionedRow row = account(tenant, token).orElseThrow(InvalidLinkException::new);
		if (!row.credentialsChosen()) {
			throw new IllegalStateException("Credentials not chosen yet");
		}
		return this.transactions.run(tenant, () -> {
			Instant now = this.clock.instant();
			this.tokens.use(tenant, token, Purpose.PRE_PROVISIONED, now).orElseThrow(InvalidLinkException::new);
			this.records.saveAcceptance(tenant, row.getKeycloakUserId(),
					new Acceptance("cgu", tenant.terms().version(), tenant.terms().sha256(), now));
			this.rows.findById(row.getKeycloakUserId()).orElseThrow(InvalidLinkException::new).personalised(now);
			this.accounts.enable(tenant, row.getKeycloakUserId(), true);
			logger.info("Pre-provisioned account {} personalised and enabled", row.getKeycloakUserId());
			return this.accounts.get(tenant, row.getKeycloakUserId()).getUsername();
		});
	}

	private Optional<PreProvisionedRow> account(TenantDefinition tenant, String token) {
		Token found = this.tokens.inspect(tenant, token, this.clock.instant());
		if (found.status() != Status.VALID || found.purpose() != Purpose.PRE_PROVISIONED) {
			return Optional.empty();
		}
		return this.transactions.read(tenant,
				() -> this.rows.findById(found.userId()).filter((row) -> !row.personalised()));
	}

	/** The link is unknown, expired or used. */
	public static class InvalidLinkException extends RuntimeException {

		InvalidLinkException() {
			super("Invalid, expired or used activation link");
		}

	}

}
