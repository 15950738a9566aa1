package fr.espacecommun.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registrations of a tenant that wait for staff approval, and the staff's decisions
 * on them, in the tenant's {@code registration} table. Every query names the tenant's
 * schema, so an account of another commune is simply not found.
 */
public class PendingApprovals {

	private static final String COLUMNS = "keycloak_user_id, username, email, state, created_at, deadline";

	private final JdbcClient jdbc;

	public PendingApprovals(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/** The registrations awaiting approval, earliest deadline first. */
	public List<Registration> awaitingApproval(TenantDefinition tenant) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM " + tenant.schema()
					+ ".registration WHERE state = ? AND keycloak_user_id IS NOT NULL ORDER BY deadline, created_at")
			.param(ActivationState.AWAITING_APPROVAL.name())
			.query(PendingApprovals::map)
			.list();
	}

	/** The account's registration, whatever its state; empty if the tenant has none. */
	public Optional<Registration> find(TenantDefinition tenant, String userId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM " + tenant.schema() + ".registration WHERE keycloak_user_id = ?")
			.param(userId)
			.query(PendingApprovals::map)
			.optional();
	}

	/**
	 * The account's registration, locked until the transaction ends: a second decision on
	 * the same account waits, then reads the first one's outcome. Requires a transaction.
	 * @return the registration, whatever its state; empty if the tenant has no such
	 * account
	 */
	public Optional<Registration> lock(TenantDefinition tenant, String userId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM " + tenant.schema()
					+ ".registration WHERE keycloak_user_id = ? FOR UPDATE")
			.param(userId)
			.query(PendingApprovals::map)
			.optional();
	}

	/** Records the approval: the registration is active. */
	public void approve(TenantDefinition tenant, String userId, String decidedBy, Instant now) {
		decide(tenant, userId, ActivationState.ACTIVE, decidedBy, null, now);
	}

	/**
	 * Records the rejection and forgets the profile and service keys the citizen gave
	 * (kept: the registration row with its reason, and the acceptance proofs).
	 */
	public void reject(TenantDefinition tenant, String userId, String decidedBy, String reason, Instant now) {
		decide(tenant, userId, ActivationState.REJECTED, decidedBy, reason, now);
		this.jdbc.sql("DELETE FROM " + tenant.schema() + ".service_key_link WHERE keycloak_user_id = ?")
			.param(userId)
			.update();
		this.jdbc.sql("DELETE FROM " + tenant.schema() + ".citizen_profile WHERE keycloak_user_id = ?")
			.param(userId)
			.update();
	}

	private void decide(TenantDefinition tenant, String userId, ActivationState state, String decidedBy,
			@Nullable String reason, Instant now) {
		this.jdbc
			.sql("UPDATE " + tenant.schema() + ".registration SET state = ?, decided_at = ?, decided_by = ?,"
					+ " rejection_reason = ?, updated_at = ? WHERE keycloak_user_id = ?")
			.params(state.name(), Timestamp.from(now), decidedBy, reason, Timestamp.from(now), userId)
			.update();
	}

	private static Registration map(ResultSet rs, int row) throws SQLException {
		Timestamp deadline = rs.getTimestamp("deadline");
		return new Registration(rs.getString("keycloak_user_id"), rs.getString("username"), rs.getString("email"),
				ActivationState.valueOf(rs.getString("state")), rs.getTimestamp("created_at").toInstant(),
				(deadline != null) ? deadline.toInstant() : null);
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
