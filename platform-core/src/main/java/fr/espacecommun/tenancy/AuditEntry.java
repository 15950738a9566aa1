package fr.espacecommun.tenancy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * Something a person or the platform did in a tenant, kept in the tenant's schema.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private @Nullable UUID id;

	private Instant at;

	private String actor;

	private String action;

	private @Nullable String detail;

	protected AuditEntry() {
		this.at = Instant.EPOCH;
		this.actor = "";
		this.action = "";
	}

	/**
	 * A new entry.
	 * @param at when it happened
	 * @param actor who did it (a Keycloak user id, or {@code system})
	 * @param action what was done ({@code registration.submitted})
	 * @param detail free text, never a password or a secret
	 */
	public AuditEntry(Instant at, String actor, String action, @Nullable String detail) {
		this.at = at;
		this.actor = actor;
		this.action = action;
		this.detail = detail;
	}

	public @Nullable UUID getId() {
		return this.id;
	}

	public Instant getAt() {
		return this.at;
	}

	public String getActor() {
		return this.actor;
	}

	public String getAction() {
		return this.action;
	}

	public @Nullable String getDetail() {
		return this.detail;
	}

}
