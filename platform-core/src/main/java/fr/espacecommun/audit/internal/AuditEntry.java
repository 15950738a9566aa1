package fr.espacecommun.audit.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * Something a person or the platform did in a tenant, kept in the tenant's schema; the
 * table refuses updates and deletes.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private @Nullable UUID id;

	private Instant at;

	@Column(name = "tenant_id")
	private @Nullable String tenantId;

	private String actor;

	private String action;

	private @Nullable String subject;

	private @Nullable String detail;

	@Column(name = "before_value")
	private @Nullable String before;

	@Column(name = "after_value")
	private @Nullable String after;

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

	public AuditEntry(Instant at, String tenantId, String actor, String action, @Nullable String subject,
			@Nullable String detail, @Nullable String before, @Nullable String after) {
		this(at, actor, action, detail);
		this.tenantId = tenantId;
		this.subject = subject;
		this.before = before;
		this.after = after;
	}

	public @Nullable UUID getId() {
		return this.id;
	}

	public Instant getAt() {
		return this.at;
	}

	public @Nullable String getTenantId() {
		return this.tenantId;
	}

	public String getActor() {
		return this.actor;
	}

	public String getAction() {
		return this.action;
	}

	/** What the action was about: a user id, a CGU version, a file name. */
	public @Nullable String getSubject() {
		return this.subject;
	}

	public @Nullable String getDetail() {
		return this.detail;
	}

	/** The value before the action, as text (JSON for structured values). */
	public @Nullable String getBefore() {
		return this.before;
	}

	/** The value after the action, as text (JSON for structured values). */
	public @Nullable String getAfter() {
		return this.after;
	}

}
