package fr.espacecommun.registration.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.registration.ActivationPolicy;
import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.registration.ActivationPolicy.Started;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.CitizenAccounts.NewAccount;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.SubmissionsBusyException;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.registration.internal.Registrations.Stored;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import org.jspecify.annotations.Nullable;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits wizards into the tenant's realm and schema, in one database transaction that
 * holds the registration row's lock while Keycloak is called: a failure anywhere rolls
 * the rows back and deletes the account this attempt created; an account a crashed (or
 * undeletable) attempt left in Keycloak is found again by its {@code registrationId}
 * attribute when the creation collides with it.
 * <p>
 * Each submission holds a pooled connection during the Keycloak call, so a per-instance
 * bulkhead lets at most {@link RegistrationProperties#maxConcurrentSubmissions()} run at
 * once; the rest wait their turn, or give up with a {@link SubmissionsBusyException}.
 */
class KeycloakRegistrationService implements RegistrationService {

	private static final Logger logger = LoggerFactory.getLogger(KeycloakRegistrationService.class);

	private final CitizenAccounts accounts;

	private final CitizenRecords records;

	private final Registrations registrations;

	private final ActivationPolicy activation;

	private final TenantTransactions transactions;

	private final Clock clock;

	private final Semaphore bulkhead;

	private final Duration queueWait;

	KeycloakRegistrationService(CitizenAccounts accounts, CitizenRecords records, Registrations registrations,
			ActivationPolicy activation, TenantTransactions transactions, Clock clock) {
		this(accounts, records, registrations, activation, transactions, clock,
				new RegistrationProperties(4, Duration.ofSeconds(20)));
	}

	KeycloakRegistrationService(CitizenAccounts accounts, CitizenRecords records, Registrations registrations,
			ActivationPolicy activation, TenantTransactions transactions, Clock clock,
			RegistrationProperties properties) {
		this.accounts = accounts;
		this.records = records;
		this.registrations = registrations;
		this.activation = activation;
		this.transactions = transactions;
		this.clock = clock;
		this.bulkhead = new Semaphore(Math.max(1, properties.maxConcurrentSubmissions()), true);
		this.queueWait = properties.submissionQueueWait();
	}

	@Override
	public boolean isUsernameAvailable(TenantDefinition tenant, String username) {
		if (username.isBlank()) {
			return false;
		}
		if (tenant.usernameMode() == UsernameMode.EMAIL) {
			return this.accounts.isUsernameAndEmailFree(tenant, username);
		}
		return this.accounts.isUsernameFree(tenant, username);
	}

	@Override
	public RegistrationOutcome submit(RegistrationRequest request) {
		boolean admitted;
		try {
			admitted = this.bulkhead.tryAcquire(this.queueWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SubmissionsBusyException("Interrupted while waiting for a submission slot");
		}
		if (!admitted) {
			logger.warn("Registration {}: no submission slot within {}, draft kept", request.registrationId(),
					this.queueWait);
			throw new SubmissionsBusyException("No submission slot within " + this.queueWait);
		}
		try {
			return submitOnce(request);
		}
		finally {
			this.bulkhead.release();
		}
	}

	private RegistrationOutcome submitOnce(RegistrationRequest request) {
		TenantDefinition tenant = request.tenant();
		Attempt attempt = new Attempt();
		try {
			return this.transactions.run(tenant, () -> submitLocked(request, attempt));
		}
		catch (RuntimeException ex) {
			compensate(request, attempt);
			throw ex;
		}
	}

	/**
	 * The transaction failed after this attempt created the account: the account goes, so
	 * that it does not hold the username and e-mail of a registration that was not
	 * stored. Best effort: an account left (Keycloak unreachable) is reused by the next
	 * attempt, found by its registration id.
	 */
	private void compensate(RegistrationRequest request, Attempt attempt) {
		String userId = attempt.createdUserId;
		if (userId == null) {
			return;
		}
		TenantDefinition tenant = request.tenant();
		if (attempt.committing) {
			// the commit itself failed: it may have happened all the same
			Optional<Stored> stored;
			try {
				stored = this.transactions.read(tenant, () -> this.registrations.stored(request.registrationId()));
			}
			catch (RuntimeException ex) {
				logger.warn("Registration {}: commit outcome unknown, account {} kept for a later attempt",
						request.registrationId(), userId);
				return;
			}
			if (stored.isPresent() && userId.equals(stored.get().userId())) {
				logger.warn("Registration {}: commit reported failed but the registration is stored; account {} kept",
						request.registrationId(), userId);
				return;
			}
		}
		try {
			this.accounts.delete(tenant, userId);
			logger.warn("Registration {}: not stored, account {} created by this attempt deleted",
					request.registrationId(), userId);
		}
		catch (RuntimeException ex) {
			logger.warn("Registration {}: not stored, account {} could not be deleted (reused by a later attempt): {}",
					request.registrationId(), userId, ex.getClass().getSimpleName());
		}
	}

	private RegistrationOutcome submitLocked(RegistrationRequest request, Attempt attempt) {
		TenantDefinition tenant = request.tenant();
		Instant now = this.clock.instant();
		Optional<RegistrationOutcome> done = this.registrations.claim(request.registrationId(), now);
		if (done.isPresent()) {
			logger.info("Registration {} submitted again: same outcome", request.registrationId());
			return done.get();
		}
		String email = CitizenAccounts.normalise(request.fields().get("email"));
		String username = (tenant.usernameMode() == UsernameMode.EMAIL) ? email
				: CitizenAccounts.normalise(request.username());
		String firstName = request.fields().getOrDefault("firstNames", "");
		String lastName = request.fields().getOrDefault("lastName", "");
		String userId;
		try {
			userId = this.accounts.create(tenant, new NewAccount(request.registrationId(), username, email, firstName,
					lastName, request.password(), ActivationPolicy.enabledAtOnce(tenant)));
			attempt.createdUserId = userId;
		}
		catch (UsernameTakenException ex) {
			// taken by someone else, or by this registration's account that an earlier
			// attempt created and could not remove: only then is it worth a search
			UserRepresentation earlier = this.accounts.findByRegistrationId(tenant, request.registrationId())
				.orElseThrow(() -> ex);
			userId = earlier.getId();
			username = earlier.getUsername();
			// the password typed now is the one the citizen remembers
			this.accounts.setPassword(tenant, userId, request.password());
			logger.info("Registration {}: account {} from an earlier attempt reused", request.registrationId(), userId);
		}
		this.records.saveProfile(tenant, userId, request.accountType(), request.fields(), now);
		String accountId = userId;
		request.acceptances().forEach((acceptance) -> this.records.saveAcceptance(tenant, accountId, acceptance));
		this.records.linkServiceKeys(tenant, userId, request.serviceKeys(), now);
		Started started = this.activation.start(tenant,
				new CreatedAccount(userId, username, email, firstName, lastName), now);
		RegistrationOutcome outcome = new RegistrationOutcome(started.state(), username, email, started.deadline());
		this.registrations.complete(request.registrationId(), userId, outcome, now);
		logger.info("Registration {} submitted: account {} {}", request.registrationId(), userId, started.state());
		attempt.committing = true;
		return outcome;
	}

	/** What one attempt did in Keycloak, for its compensation. */
	private static final class Attempt {

		private @Nullable String createdUserId;

		private boolean committing;

	}

}
