package fr.espacecommun.activation.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A mailed activation link of the tenant; only its token's SHA-256 is kept. */
@Entity
@Table(name = "activation_token")
public class ActivationToken {

	@Id
	@Column(name = "token_hash")
	private String tokenHash = "";

	@Column(name = "keycloak_user_id")
	private String keycloakUserId = "";

	private String purpose = "";

	@Column(name = "created_at")
	private Instant createdAt = Instant.EPOCH;

	@Column(name = "expires_at")
	private Instant expiresAt = Instant.EPOCH;

	@Column(name = "used_at")
	private @Nullable Instant usedAt;

	protected ActivationToken() {
	}

	ActivationToken(String tokenHash, String keycloakUserId, String purpose, Instant createdAt, Instant expiresAt) {
		this.tokenHash = tokenHash;
		this.keycloakUserId = keycloakUserId;
		this.purpose = purpose;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	public String getTokenHash() {
		return this.tokenHash;
	}

	public String getKeycloakUserId() {
		return this.keycloakUserId;
	}

	public String getPurpose() {
		return this.purpose;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public @Nullable Instant getUsedAt() {
		return this.usedAt;
	}

}
