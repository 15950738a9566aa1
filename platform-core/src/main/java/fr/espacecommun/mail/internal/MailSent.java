package fr.espacecommun.mail.internal;

import java.time.Instant;
import java.util.UUID;

import fr.espacecommun.tenancy.internal.PlatformSchema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A mail handed to the SMTP server, by its id ({@code outbox_mail_sent}, schema
 * platform).
 */
@Entity
@Table(name = "outbox_mail_sent", schema = PlatformSchema.NAME)
class MailSent {

	@Id
	@Column(name = "mail_id")
	private UUID mailId = new UUID(0, 0);

	@Column(name = "tenant_id")
	private String tenantId = "";

	@Column(name = "sent_at")
	private Instant sentAt = Instant.EPOCH;

	protected MailSent() {
	}

	public UUID getMailId() {
		return this.mailId;
	}

	public String getTenantId() {
		return this.tenantId;
	}

	public Instant getSentAt() {
		return this.sentAt;
	}

}
