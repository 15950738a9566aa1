package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import org.jspecify.annotations.Nullable;
import org.mapstruct.factory.Mappers;

/**
 * The {@code registration} rows of a tenant: one per submitted wizard, locked while it is
 * being submitted so that a concurrent second submit waits and then reads the first's
 * outcome. Runs in the caller's transaction, opened for the tenant.
 */
class Registrations {

	static final String PENDING = "PENDING";

	private static final RegistrationMapper mapper = Mappers.getMapper(RegistrationMapper.class);

	private final RegistrationRowRepository rows;

	Registrations(RegistrationRowRepository rows) {
		this.rows = rows;
	}

	/**
	 * Claims the registration for this transaction: inserts it if new (a concurrent
	 * insert of the same id waits for this transaction), then locks the row until commit.
	 * @return the outcome already stored, if a previous submit completed
	 */
	Optional<RegistrationOutcome> claim(UUID registrationId, Instant now) {
		this.rows.insertIfAbsent(registrationId, PENDING, now);
		RegistrationRow row = this.rows.lockById(registrationId).orElseThrow();
		return PENDING.equals(row.getState()) ? Optional.empty() : Optional.of(mapper.outcome(row));
	}

	/** The registration's outcome and account, once a submission stored it. */
	Optional<Stored> stored(UUID registrationId) {
		return this.rows.findByRegistrationIdAndStateNot(registrationId, PENDING)
			.map((row) -> new Stored(row.getState(), row.getKeycloakUserId()));
	}

	/** Records the outcome on the row {@link #claim} locked. */
	void complete(UUID registrationId, String userId, RegistrationOutcome outcome, Instant now) {
		this.rows.findById(registrationId)
			.orElseThrow()
			.complete(userId, outcome.username(), outcome.email(), outcome.state().name(), outcome.activationDeadline(),
					now);
	}

	/**
	 * A stored registration.
	 *
	 * @param state its state
	 * @param userId its Keycloak account
	 */
	record Stored(String state, @Nullable String userId) {
	}

}
