package fr.espacecommun.registration;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code registration} rows of a tenant: one per submitted wizard, locked while it is
 * being submitted so that a concurrent second submit waits and then reads the first's
 * outcome.
 */
class Registrations {

	static final String PENDING = "PENDING";

	private final JdbcClient jdbc;

	Registrations(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Claims the registration for this transaction: inserts it if new (a concurrent
	 * insert of the same id waits for this transaction), then locks the row until commit.
	 * @return the outcome already stored, if a previous submit completed
	 */
	Optional<RegistrationOutcome> claim(TenantDefinition tenant, UUID registrationId, Instant now) {
		this.jdbc
			.sql("INSERT INTO " + tenant.schema()
					+ ".registration (registration_id, state, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(registrationId, PENDING, Timestamp.from(now))
			.update();
		return this.jdbc
			.sql("SELECT state, username, email, deadline FROM " + tenant.schema()
					+ ".registration WHERE registration_id = ? FOR UPDATE")
			.param(registrationId)
			.query((rs, row) -> {
				String state = rs.getString("state");
				if (PENDING.equals(state)) {
					return Optional.<RegistrationOutcome>empty();
				}
				Timestamp deadline = rs.getTimestamp("deadline");
				return Optional.of(new RegistrationOutcome(ActivationState.valueOf(state), rs.getString("username"),
						rs.getString("email"), (deadline != null) ? deadline.toInstant() : null));
			})
			.single();
	}

	/** The registration's outcome and account, once a submission stored it. */
	Optional<Stored> stored(TenantDefinition tenant, UUID registrationId) {
		return this.jdbc
			.sql("SELECT state, keycloak_user_id FROM " + tenant.schema()
					+ ".registration WHERE registration_id = ? AND state <> ?")
			.params(registrationId, PENDING)
			.query((rs, row) -> new Stored(rs.getString("state"), rs.getString("keycloak_user_id")))
			.optional();
	}

	void complete(TenantDefinition tenant, UUID registrationId, String userId, RegistrationOutcome outcome,
			Instant now) {
		this.jdbc
			.sql("UPDATE " + tenant.schema()
					+ ".registration SET keycloak_user_id = ?, username = ?, email = ?, state = ?, deadline = ?,"
					+ " updated_at = ? WHERE registration_id = ?")
			.params(userId, outcome.username(), outcome.email(), outcome.state().name(),
					timestamp(outcome.activationDeadline()), Timestamp.from(now), registrationId)
			.update();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
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
