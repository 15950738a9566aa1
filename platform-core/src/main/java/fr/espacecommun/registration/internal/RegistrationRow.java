package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One submitted wizard of the tenant; its id (the draft's) makes submission idempotent.
 */
@Entity
@Table(name = "registration")
public class RegistrationRow {

	@Id
	@Column(name = "registration_id")
	private UUID registrationId = new UUID(0, 0);

	@Column(name = "keycloak_user_id")
	private @Nullable String keycloakUserId;

	private @Nullable String username;

	private @Nullable String email;

	private String state = "";

	private @Nullable Instant deadline;

	@Column(name = "created_at")
	private Instant createdAt = Instant.EPOCH;

	@Column(name = "updated_at")
	private @Nullable Instant updatedAt;

	@Column(name = "decided_at")
	private @Nullable Instant decidedAt;

	@Column(name = "decided_by")
	private @Nullable String decidedBy;

	@Column(name = "rejection_reason")
	private @Nullable String rejectionReason;

	protected RegistrationRow() {
	}

	/** Records the submission's outcome on the claimed row. */
	void complete(String keycloakUserId, String username, String email, String state, @Nullable Instant deadline,
			Instant now) {
		this.keycloakUserId = keycloakUserId;
		this.username = username;
		this.email = email;
		this.state = state;
		this.deadline = deadline;
		this.updatedAt = now;
	}

	/** Records the staff's decision. */
	public void decide(String state, String decidedBy, @Nullable String reason, Instant now) {
		this.state = state;
		this.decidedAt = now;
		this.decidedBy = decidedBy;
		this.rejectionReason = reason;
		this.updatedAt = now;
	}

	public UUID getRegistrationId() {
		return this.registrationId;
	}

	public @Nullable String getKeycloakUserId() {
		return this.keycloakUserId;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public String getState() {
		return this.state;
	}

	public @Nullable Instant getDeadline() {
		return this.deadline;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public @Nullable Instant getDecidedAt() {
		return this.decidedAt;
	}

	public @Nullable String getDecidedBy() {
		return this.decidedBy;
	}

	public @Nullable String getRejectionReason() {
		return this.rejectionReason;
	}

}
