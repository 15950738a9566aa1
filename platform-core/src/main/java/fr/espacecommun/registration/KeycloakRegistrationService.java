package fr.espacecommun.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.registration.ActivationPolicy.Started;
import fr.espacecommun.registration.CitizenAccounts.NewAccount;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits wizards into the tenant's realm and schema, in one database transaction that
 * holds the registration row's lock while Keycloak is called: a failure anywhere rolls
 * the rows back, and the account a crashed attempt left in Keycloak is found again by its
 * {@code registrationId} attribute.
 */
class KeycloakRegistrationService implements RegistrationService {

	private static final Logger logger = LoggerFactory.getLogger(KeycloakRegistrationService.class);

	private final CitizenAccounts accounts;

	private final CitizenRecords records;

	private final Registrations registrations;

	private final ActivationPolicy activation;

	private final TransactionTemplate transaction;

	private final Clock clock;

	KeycloakRegistrationService(CitizenAccounts accounts, CitizenRecords records, Registrations registrations,
			ActivationPolicy activation, TransactionTemplate transaction, Clock clock) {
		this.accounts = accounts;
		this.records = records;
		this.registrations = registrations;
		this.activation = activation;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public boolean isUsernameAvailable(TenantDefinition tenant, String username) {
		if (username.isBlank()) {
			return false;
		}
		if (tenant.usernameMode() == UsernameMode.EMAIL) {
			return this.accounts.isUsernameFree(tenant, username) && this.accounts.isEmailFree(tenant, username);
		}
		return this.accounts.isUsernameFree(tenant, username);
	}

	@Override
	public RegistrationOutcome submit(RegistrationRequest request) {
		TenantDefinition tenant = request.tenant();
		try {
			return TenantContext.callAs(tenant.id(), () -> this.transaction.execute((status) -> submitLocked(request)));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private RegistrationOutcome submitLocked(RegistrationRequest request) {
		TenantDefinition tenant = request.tenant();
		Instant now = this.clock.instant();
		Optional<RegistrationOutcome> done = this.registrations.claim(tenant, request.registrationId(), now);
		if (done.isPresent()) {
			logger.info("Registration {} submitted again: same outcome", request.registrationId());
			return done.get();
		}
		String email = CitizenAccounts.normalise(request.fields().get("email"));
		String username = (tenant.usernameMode() == UsernameMode.EMAIL) ? email
				: CitizenAccounts.normalise(request.username());
		String firstName = request.fields().getOrDefault("firstNames", "");
		String lastName = request.fields().getOrDefault("lastName", "");
		Optional<UserRepresentation> earlier = this.accounts.findByRegistrationId(tenant, request.registrationId());
		String userId;
		if (earlier.isPresent()) {
			// a previous attempt created the account, then failed before its commit
			userId = earlier.get().getId();
			username = earlier.get().getUsername();
			logger.info("Registration {}: account {} from an earlier attempt reused", request.registrationId(), userId);
		}
		else {
			userId = this.accounts.create(tenant, new NewAccount(request.registrationId(), username, email, firstName,
					lastName, request.password(), ActivationPolicy.enabledAtOnce(tenant)));
		}
		this.records.saveProfile(tenant, userId, request.accountType(), request.fields(), now);
		request.acceptances().forEach((acceptance) -> this.records.saveAcceptance(tenant, userId, acceptance));
		this.records.linkServiceKeys(tenant, userId, request.serviceKeys(), now);
		Started started = this.activation.start(tenant,
				new CreatedAccount(userId, username, email, firstName, lastName), now);
		RegistrationOutcome outcome = new RegistrationOutcome(started.state(), username, email, started.deadline());
		this.registrations.complete(tenant, request.registrationId(), userId, outcome, now);
		logger.info("Registration {} submitted: account {} {}", request.registrationId(), userId, started.state());
		return outcome;
	}

}
