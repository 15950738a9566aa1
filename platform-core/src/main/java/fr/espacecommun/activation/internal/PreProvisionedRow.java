package fr.espacecommun.activation.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * An account the commune created; the generated password's PBKDF2 hash is kept only until
 * the citizen personalises it.
 */
@Entity
@Table(name = "pre_provisioned_account")
public class PreProvisionedRow {

	@Id
	@Column(name = "keycloak_user_id")
	private String keycloakUserId = "";

	@Column(name = "generated_username")
	private String generatedUsername = "";

	@Column(name = "password_hash")
	private @Nullable String passwordHash;

	@Column(name = "created_at")
	private Instant createdAt = Instant.EPOCH;

	@Column(name = "personalised_at")
	private @Nullable Instant personalisedAt;

	@Column(name = "credentials_chosen_at")
	private @Nullable Instant credentialsChosenAt;

	protected PreProvisionedRow() {
	}

	public PreProvisionedRow(String keycloakUserId, String generatedUsername, String passwordHash, Instant createdAt) {
		this.keycloakUserId = keycloakUserId;
		this.generatedUsername = generatedUsername;
		this.passwordHash = passwordHash;
		this.createdAt = createdAt;
	}

	/** A new generated password: the citizen chooses their credentials again. */
	public void replacePassword(String passwordHash) {
		this.passwordHash = passwordHash;
		this.credentialsChosenAt = null;
	}

	void credentialsChosen(Instant now) {
		this.credentialsChosenAt = now;
	}

	/** The citizen owns the account now: the generated password's hash goes. */
	public void personalised(Instant now) {
		this.personalisedAt = now;
		this.passwordHash = null;
	}

	/** Whether the citizen chose their username and password. */
	boolean credentialsChosen() {
		return this.credentialsChosenAt != null;
	}

	/** Whether the citizen finished personalising. */
	public boolean personalised() {
		return this.personalisedAt != null;
	}

	@Override
	public String toString() {
		return "PreProvisionedRow[" + this.keycloakUserId + "]";
	}

	public String getKeycloakUserId() {
		return this.keycloakUserId;
	}

	public String getGeneratedUsername() {
		return this.generatedUsername;
	}

	public @Nullable String getPasswordHash() {
		return this.passwordHash;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Instant getPersonalisedAt() {
		return this.personalisedAt;
	}

	public @Nullable Instant getCredentialsChosenAt() {
		return this.credentialsChosenAt;
	}

}
