package fr.espacecommun.registration.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A key of the tenant's registry, imported from its back office. */
@Entity
@Table(name = "service_key")
@IdClass(ServiceKeyEntry.Key.class)
public class ServiceKeyEntry {

	@Id
	@Column(name = "service_id")
	private String serviceId = "";

	@Id
	@Column(name = "key_value")
	private String keyValue = "";

	@Column(name = "holder_name")
	private @Nullable String holderName;

	@Column(name = "imported_at")
	private @Nullable Instant importedAt;

	protected ServiceKeyEntry() {
	}

	public String getServiceId() {
		return this.serviceId;
	}

	public String getKeyValue() {
		return this.keyValue;
	}

	public @Nullable String getHolderName() {
		return this.holderName;
	}

	public @Nullable Instant getImportedAt() {
		return this.importedAt;
	}

	/** The primary key. */
	record Key(String serviceId, String keyValue) implements java.io.Serializable {

		Key() {
			this("", "");
		}

	}

}
