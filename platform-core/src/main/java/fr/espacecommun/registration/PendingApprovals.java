package fr.espacecommun.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.registration.internal.CitizenProfileRepository;
import fr.espacecommun.registration.internal.RegistrationMapper;
import fr.espacecommun.registration.internal.RegistrationRowRepository;
import fr.espacecommun.registration.internal.ServiceKeyLinkRepository;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;
import org.mapstruct.factory.Mappers;

/**
 * The registrations of a tenant that wait for staff approval, and the staff's decisions
 * on them, in the tenant's {@code registration} table. Every call runs on the tenant's
 * schema, so an account of another commune is simply not found.
 */
public class PendingApprovals {

	private static final RegistrationMapper mapper = Mappers.getMapper(RegistrationMapper.class);

	private final RegistrationRowRepository registrations;

	private final CitizenProfileRepository profiles;

	private final ServiceKeyLinkRepository links;

	private final TenantTransactions transactions;

	public PendingApprovals(RegistrationRowRepository registrations, CitizenProfileRepository profiles,
			ServiceKeyLinkRepository links, TenantTransactions transactions) {
		this.registrations = registrations;
		this.profiles = profiles;
		this.links = links;
		this.transactions = transactions;
	}

	/** The registrations awaiting approval, earliest deadline first. */
	public List<Registration> awaitingApproval(TenantDefinition tenant) {
		return this.transactions.read(tenant,
				() -> this.registrations.findAwaiting(ActivationState.AWAITING_APPROVAL.name())
					.stream()
					.map(mapper::registration)
					.toList());
	}

	/** The account's registration, whatever its state; empty if the tenant has none. */
	public Optional<Registration> find(TenantDefinition tenant, String userId) {
		return this.transactions.read(tenant,
				() -> this.registrations.findFirstByKeycloakUserId(userId).map(mapper::registration));
	}

	/**
	 * The account's registration, locked until the transaction ends: a second decision on
	 * the same account waits, then reads the first one's outcome. Requires a transaction.
	 * @return the registration, whatever its state; empty if the tenant has no such
	 * account
	 */
	public Optional<Registration> lock(TenantDefinition tenant, String userId) {
		return this.transactions.run(tenant, () -> this.registrations.lockByUser(userId).map(mapper::registration));
	}

	/** Records the approval: the registration is active. */
	public void approve(TenantDefinition tenant, String userId, String decidedBy, Instant now) {
		this.transactions.execute(tenant, () -> decide(userId, ActivationState.ACTIVE, decidedBy, null, now));
	}

	/**
	 * Records the rejection and forgets the profile and service keys the citizen gave
	 * (kept: the registration row with its reason, and the acceptance proofs).
	 */
	public void reject(TenantDefinition tenant, String userId, String decidedBy, String reason, Instant now) {
		this.transactions.execute(tenant, () -> {
			decide(userId, ActivationState.REJECTED, decidedBy, reason, now);
			this.links.deleteByUser(userId);
			this.profiles.deleteByUser(userId);
		});
	}

	private void decide(String userId, ActivationState state, String decidedBy, @Nullable String reason, Instant now) {
		this.registrations.findByKeycloakUserIdOrderByCreatedAt(userId)
			.forEach((row) -> row.decide(state.name(), decidedBy, reason, now));
	}

	/**
	 * A submitted registration.
	 *
	 * @param userId the Keycloak user id
	 * @param username the username
	 * @param email the e-mail address
	 * @param state where the account stands
	 * @param submittedAt when the citizen submitted the wizard
	 * @param deadline for manual approval, by when staff promised to decide
	 */
	public record Registration(String userId, String username, String email, ActivationState state, Instant submittedAt,
			@Nullable Instant deadline) {

		@Override
		public String toString() {
			return "Registration[" + this.userId + ", " + this.state + "]";
		}

	}

}
