package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A proof that a citizen accepted a CGU or consent text (version and SHA-256), and when;
 * kept, anonymised, when the citizen is erased.
 */
@Entity
@Table(name = "acceptance_proof")
public class AcceptanceProof {

	@Id
	private UUID id = new UUID(0, 0);

	@Column(name = "keycloak_user_id")
	private @Nullable String keycloakUserId;

	private String kind = "";

	private String version = "";

	private String sha256 = "";

	@Column(name = "accepted_at")
	private Instant acceptedAt = Instant.EPOCH;

	private @Nullable String pseudonym;

	@Column(name = "anonymised_at")
	private @Nullable Instant anonymisedAt;

	private @Nullable String username;

	protected AcceptanceProof() {
	}

	public AcceptanceProof(String keycloakUserId, @Nullable String username, String kind, String version, String sha256,
			Instant acceptedAt) {
		this.id = UUID.randomUUID();
		this.keycloakUserId = keycloakUserId;
		this.username = username;
		this.kind = kind;
		this.version = version;
		this.sha256 = sha256;
		this.acceptedAt = acceptedAt;
	}

	public UUID getId() {
		return this.id;
	}

	public @Nullable String getKeycloakUserId() {
		return this.keycloakUserId;
	}

	public String getKind() {
		return this.kind;
	}

	public String getVersion() {
		return this.version;
	}

	public String getSha256() {
		return this.sha256;
	}

	public Instant getAcceptedAt() {
		return this.acceptedAt;
	}

	public @Nullable String getPseudonym() {
		return this.pseudonym;
	}

	public @Nullable Instant getAnonymisedAt() {
		return this.anonymisedAt;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

}
