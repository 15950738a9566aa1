package fr.espacecommun.accountimport.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file of accounts uploaded by staff: a preview until confirmed, then running, then
 * done.
 */
@Entity
@Table(name = "account_import")
class AccountImport {

	@Id
	private UUID id = new UUID(0, 0);

	@Column(name = "file_name")
	private String fileName = "";

	@Column(name = "file_sha256")
	private String fileSha256 = "";

	@Enumerated(EnumType.STRING)
	private ImportState state = ImportState.PREVIEW;

	@Column(name = "uploaded_by")
	private String uploadedBy = "";

	@Column(name = "uploaded_at")
	private Instant uploadedAt = Instant.EPOCH;

	@Column(name = "confirmed_by")
	private @Nullable String confirmedBy;

	@Column(name = "confirmed_at")
	private @Nullable Instant confirmedAt;

	@Column(name = "heartbeat_at")
	private @Nullable Instant heartbeatAt;

	@Column(name = "finished_at")
	private @Nullable Instant finishedAt;

	protected AccountImport() {
	}

	AccountImport(UUID id, String fileName, String fileSha256, String uploadedBy, Instant uploadedAt) {
		this.id = id;
		this.fileName = fileName;
		this.fileSha256 = fileSha256;
		this.uploadedBy = uploadedBy;
		this.uploadedAt = uploadedAt;
	}

	public UUID getId() {
		return this.id;
	}

	public String getFileName() {
		return this.fileName;
	}

	public String getFileSha256() {
		return this.fileSha256;
	}

	public ImportState getState() {
		return this.state;
	}

	public String getUploadedBy() {
		return this.uploadedBy;
	}

	public Instant getUploadedAt() {
		return this.uploadedAt;
	}

	public @Nullable String getConfirmedBy() {
		return this.confirmedBy;
	}

	public @Nullable Instant getConfirmedAt() {
		return this.confirmedAt;
	}

	public @Nullable Instant getHeartbeatAt() {
		return this.heartbeatAt;
	}

	public @Nullable Instant getFinishedAt() {
		return this.finishedAt;
	}

}
