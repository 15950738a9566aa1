package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A citizen's profile in the tenant's schema: the wizard's fields ({@link ProfileFields})
 * and the account type; identity (names, e-mail) stays in Keycloak.
 */
@Entity
@Table(name = "citizen_profile")
public class CitizenProfile {

	@Id
	private UUID id = new UUID(0, 0);

	@Column(name = "keycloak_user_id")
	private String keycloakUserId = "";

	@Column(name = "created_at")
	private Instant createdAt = Instant.EPOCH;

	@Column(name = "updated_at")
	private Instant updatedAt = Instant.EPOCH;

	@Column(name = "account_type")
	private @Nullable String accountType;

	@Embedded
	private @Nullable ProfileFields fields = new ProfileFields();

	protected CitizenProfile() {
	}

	/**
	 * A profile of these fields; saving it replaces the stored row when it has that row's
	 * id (kept with its creation time).
	 */
	public CitizenProfile(UUID id, String keycloakUserId, String accountType, ProfileFields fields, Instant createdAt,
			Instant updatedAt) {
		this.id = id;
		this.keycloakUserId = keycloakUserId;
		this.accountType = accountType;
		this.fields = fields;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
	}

	public UUID getId() {
		return this.id;
	}

	public String getKeycloakUserId() {
		return this.keycloakUserId;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public @Nullable String getAccountType() {
		return this.accountType;
	}

	/** The fields; Hibernate loads a profile whose fields are all empty without them. */
	public ProfileFields getFields() {
		return (this.fields != null) ? this.fields : new ProfileFields();
	}

}
