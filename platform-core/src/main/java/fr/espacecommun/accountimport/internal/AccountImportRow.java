package fr.espacecommun.accountimport.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One data line of an import and what became of it; service keys and reasons are JSON
 * text ({@link ImportStore} reads and writes them).
 */
@Entity
@IdClass(AccountImportRow.Key.class)
@Table(name = "account_import_row")
public class AccountImportRow {

	@Id
	@Column(name = "import_id")
	private UUID importId = new UUID(0, 0);

	@Id
	private int line;

	@Column(name = "last_name")
	private @Nullable String lastName;

	@Column(name = "first_names")
	private @Nullable String firstNames;

	private @Nullable String email;

	@Column(name = "service_keys")
	private @Nullable String serviceKeys;

	@Enumerated(EnumType.STRING)
	private RowStatus status = RowStatus.INVALID;

	private @Nullable String reasons;

	@Column(name = "keycloak_user_id")
	private @Nullable String keycloakUserId;

	private @Nullable String username;

	@Column(name = "processed_at")
	private @Nullable Instant processedAt;

	protected AccountImportRow() {
	}

	AccountImportRow(UUID importId, int line, String lastName, String firstNames, String email, String serviceKeys,
			RowStatus status, @Nullable String reasons, @Nullable String keycloakUserId) {
		this.importId = importId;
		this.line = line;
		this.lastName = lastName;
		this.firstNames = firstNames;
		this.email = email;
		this.serviceKeys = serviceKeys;
		this.status = status;
		this.reasons = reasons;
		this.keycloakUserId = keycloakUserId;
	}

	public UUID getImportId() {
		return this.importId;
	}

	public int getLine() {
		return this.line;
	}

	public @Nullable String getLastName() {
		return this.lastName;
	}

	public @Nullable String getFirstNames() {
		return this.firstNames;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public @Nullable String getServiceKeys() {
		return this.serviceKeys;
	}

	public RowStatus getStatus() {
		return this.status;
	}

	public @Nullable String getReasons() {
		return this.reasons;
	}

	public @Nullable String getKeycloakUserId() {
		return this.keycloakUserId;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public @Nullable Instant getProcessedAt() {
		return this.processedAt;
	}

	/** The primary key. */
	record Key(UUID importId, int line) implements Serializable {

		Key() {
			this(new UUID(0, 0), 0);
		}

	}

}
