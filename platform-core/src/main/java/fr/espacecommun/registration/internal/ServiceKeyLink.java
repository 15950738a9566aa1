package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A service key a citizen linked to their account; verified when the registry knows it.
 */
@Entity
@Table(name = "service_key_link")
public class ServiceKeyLink {

	@Id
	private UUID id = new UUID(0, 0);

	@Column(name = "keycloak_user_id")
	private String keycloakUserId = "";

	@Column(name = "service_id")
	private String serviceId = "";

	@Column(name = "key_value")
	private String keyValue = "";

	private boolean verified;

	@Column(name = "linked_at")
	private Instant linkedAt = Instant.EPOCH;

	protected ServiceKeyLink() {
	}

	public UUID getId() {
		return this.id;
	}

	public String getKeycloakUserId() {
		return this.keycloakUserId;
	}

	public String getServiceId() {
		return this.serviceId;
	}

	public String getKeyValue() {
		return this.keyValue;
	}

	public boolean isVerified() {
		return this.verified;
	}

	public Instant getLinkedAt() {
		return this.linkedAt;
	}

}
