package fr.espacecommun.activation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.PendingApprovals;
import fr.espacecommun.registration.PendingApprovals.Registration;
import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commune staff's queue of accounts awaiting approval (Villennes), and their
 * decisions. A decision locks the registration row, so a double submission decides once
 * and mails once; the Keycloak change comes last, inside the transaction, so a Keycloak
 * failure leaves the account pending.
 */
public class ApprovalQueue {

	/** Longest rejection reason kept and mailed. */
	public static final int REASON_MAX_LENGTH = 1000;

	private static final Logger logger = LoggerFactory.getLogger(ApprovalQueue.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PendingApprovals approvals;

	private final CitizenAccounts accounts;

	private final ActivationMails mails;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final Clock clock;

	ApprovalQueue(PendingApprovals approvals, CitizenAccounts accounts, ActivationMails mails, AuditLog audit,
			TenantTransactions transactions, Clock clock) {
		this.approvals = approvals;
		this.accounts = accounts;
		this.mails = mails;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The tenant's accounts awaiting approval, earliest deadline first. */
	public List<PendingAccount> pending(TenantDefinition tenant) {
		Instant now = this.clock.instant();
		return this.approvals.awaitingApproval(tenant)
			.stream()
			.map((registration) -> account(tenant, registration, now))
			.toList();
	}

	/** One account of the tenant, whatever its state; empty if the tenant has none. */
	public Optional<PendingAccount> account(TenantDefinition tenant, String userId) {
		return this.approvals.find(tenant, userId)
			.map((registration) -> account(tenant, registration, this.clock.instant()));
	}

	/**
	 * Enables the account, marks its registration active, mails the citizen and audits
	 * {@code account.approved}.
	 * @param actor the staff member's username
	 * @return whether this call decided, or the account had been decided already
	 * @throws UnknownAccountException if the tenant has no such account
	 */
	public Decision approve(TenantDefinition tenant, String userId, String actor) {
		return this.transactions.run(tenant, () -> {
			Registration registration = this.approvals.lock(tenant, userId)
				.orElseThrow(() -> new UnknownAccountException(userId));
			if (registration.state() != ActivationState.AWAITING_APPROVAL) {
				logger.info("Account {} already decided ({}): approval ignored", userId, registration.state());
				return Decision.ALREADY_DECIDED;
			}
			UserRepresentation user = this.accounts.get(tenant, userId);
			this.approvals.approve(tenant, userId, actor, this.clock.instant());
			this.audit.record(actor, "account.approved", userId, state(registration.state(), false, null),
					state(ActivationState.ACTIVE, true, null));
			this.mails.approved(tenant, created(user, registration));
			// last: a Keycloak failure rolls the rows back and sends nothing; the
			// mailbox was not proved by a link, so it stays unverified
			this.accounts.enable(tenant, userId, false);
			logger.info("Account {} approved", userId);
			return Decision.DECIDED;
		});
	}

	/**
	 * Removes the account from the realm (its username and e-mail become free for a new
	 * request), forgets its profile, records the reason, mails it to the citizen and
	 * audits {@code account.rejected}.
	 * @param actor the staff member's username
	 * @param reason why, as the citizen will read it; not blank, at most
	 * {@link #REASON_MAX_LENGTH} characters
	 * @return whether this call decided, or the account had been decided already
	 * @throws UnknownAccountException if the tenant has no such account
	 */
	public Decision reject(TenantDefinition tenant, String userId, String actor, String reason) {
		String cleanReason = reason.strip();
		if (cleanReason.isEmpty() || cleanReason.length() > REASON_MAX_LENGTH) {
			throw new IllegalArgumentException("A rejection needs a reason of 1 to " + REASON_MAX_LENGTH + " chars");
		}
		return this.transactions.run(tenant, () -> {
			Registration registration = this.approvals.lock(tenant, userId)
				.orElseThrow(() -> new UnknownAccountException(userId));
			if (registration.state() != ActivationState.AWAITING_APPROVAL) {
				logger.info("Account {} already decided ({}): rejection ignored", userId, registration.state());
				return Decision.ALREADY_DECIDED;
			}
			UserRepresentation user = this.accounts.get(tenant, userId);
			this.approvals.reject(tenant, userId, actor, cleanReason, this.clock.instant());
			this.audit.record(actor, "account.rejected", userId, state(registration.state(), false, null),
					state(ActivationState.REJECTED, null, cleanReason));
			this.mails.rejected(tenant, created(user, registration), cleanReason);
			this.accounts.delete(tenant, userId);
			logger.info("Account {} rejected and removed from the realm", userId);
			return Decision.DECIDED;
		});
	}

	private PendingAccount account(TenantDefinition tenant, Registration registration, Instant now) {
		String firstName = "";
		String lastName = "";
		if (registration.state() == ActivationState.AWAITING_APPROVAL) {
			try {
				UserRepresentation user = this.accounts.get(tenant, registration.userId());
				firstName = (user.getFirstName() != null) ? user.getFirstName() : "";
				lastName = (user.getLastName() != null) ? user.getLastName() : "";
			}
			catch (NotFoundException ex) {
				logger.warn("Account {} awaits approval but is missing from the realm", registration.userId());
			}
		}
		Instant deadline = registration.deadline();
		return new PendingAccount(registration.userId(), registration.username(), registration.email(), firstName,
				lastName, registration.state(), registration.submittedAt(), deadline,
				deadline != null && deadline.isBefore(now));
	}

	private static CreatedAccount created(UserRepresentation user, Registration registration) {
		String email = (user.getEmail() != null) ? user.getEmail() : registration.email();
		return new CreatedAccount(user.getId(), user.getUsername(), email,
				(user.getFirstName() != null) ? user.getFirstName() : "",
				(user.getLastName() != null) ? user.getLastName() : "");
	}

	// the audit's before and after: the registration's state and the account's
	private static String state(ActivationState state, @Nullable Boolean enabled, @Nullable String reason) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("state", state.name());
		if (enabled != null) {
			value.put("enabled", enabled);
		}
		else {
			value.put("account", "deleted");
		}
		if (reason != null) {
			value.put("reason", reason);
		}
		return json.writeValueAsString(value);
	}

	/** What a decision call did. */
	public enum Decision {

		/** This call approved or rejected the account. */
		DECIDED,
		/** Someone had decided already (a double submission): nothing done, no mail. */
		ALREADY_DECIDED

	}

	/**
	 * An account in the queue.
	 *
	 * @param userId the Keycloak user id
	 * @param username the username
	 * @param email the e-mail address
	 * @param firstName first names (empty if the realm lost the account)
	 * @param lastName last name
	 * @param state where it stands
	 * @param submittedAt when the citizen submitted
	 * @param deadline by when staff promised to decide
	 * @param overdue whether the deadline has passed
	 */
	public record PendingAccount(String userId, String username, String email, String firstName, String lastName,
			ActivationState state, Instant submittedAt, @Nullable Instant deadline, boolean overdue) {

		/** "Prénom Nom". */
		public String fullName() {
			return (this.firstName + " " + this.lastName).strip();
		}

		/** Whether staff still have to decide. */
		public boolean awaitingApproval() {
			return this.state == ActivationState.AWAITING_APPROVAL;
		}

		@Override
		public String toString() {
			return "PendingAccount[" + this.userId + ", " + this.state + "]";
		}

	}

	/** The tenant has no account with this id (or it belongs to another commune). */
	public static class UnknownAccountException extends RuntimeException {

		public UnknownAccountException(String userId) {
			super("No such account in this tenant: " + userId);
		}

	}

}
