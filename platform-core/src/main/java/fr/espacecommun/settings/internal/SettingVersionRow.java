package fr.espacecommun.settings.internal;

import java.io.Serializable;
import java.time.Instant;

import fr.espacecommun.settings.SettingKind;
import fr.espacecommun.tenancy.internal.PlatformSchema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A row of {@code tenant_setting_version} (schema platform): added, never changed. */
@Entity
@IdClass(SettingVersionRow.Key.class)
@Table(name = "tenant_setting_version", schema = PlatformSchema.NAME)
class SettingVersionRow {

	@Id
	@Column(name = "tenant_id")
	private String tenantId = "";

	@Id
	@Enumerated(EnumType.STRING)
	private SettingKind kind = SettingKind.TERMS;

	@Id
	private int version;

	private String value = "";

	private String author = "";

	@Column(name = "created_at")
	private Instant createdAt = Instant.EPOCH;

	protected SettingVersionRow() {
	}

	public String getTenantId() {
		return this.tenantId;
	}

	public SettingKind getKind() {
		return this.kind;
	}

	public int getVersion() {
		return this.version;
	}

	public String getValue() {
		return this.value;
	}

	public String getAuthor() {
		return this.author;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/** The primary key. */
	record Key(String tenantId, SettingKind kind, int version) implements Serializable {

		Key() {
			this("", SettingKind.TERMS, 0);
		}

	}

}
