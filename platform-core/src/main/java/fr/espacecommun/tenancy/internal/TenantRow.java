package fr.espacecommun.tenancy.internal;

import java.time.Instant;

import fr.espacecommun.tenancy.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A row of the platform's tenant registry ({@code tenant} in schema platform). */
@Entity
@Table(name = "tenant", schema = PlatformSchema.NAME)
public class TenantRow {

	@Id
	private String id = "";

	private String name = "";

	/** Host names, comma-separated. */
	private String hosts = "";

	@Column(name = "keycloak_cluster")
	private String keycloakCluster = "";

	@Enumerated(EnumType.STRING)
	private TenantStatus status = TenantStatus.PENDING;

	@Column(name = "config_hash")
	private String configHash = "";

	@Column(name = "last_error")
	private @Nullable String lastError;

	@Column(name = "provisioned_at")
	private @Nullable Instant provisionedAt;

	@Column(name = "updated_at")
	private @Nullable Instant updatedAt;

	@Column(name = "pending_error")
	private @Nullable String pendingError;

	@Column(name = "last_plan")
	private @Nullable String lastPlan;

	@Column(name = "last_plan_at")
	private @Nullable Instant lastPlanAt;

	protected TenantRow() {
	}

	public String getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getHosts() {
		return this.hosts;
	}

	public String getKeycloakCluster() {
		return this.keycloakCluster;
	}

	public TenantStatus getStatus() {
		return this.status;
	}

	public String getConfigHash() {
		return this.configHash;
	}

	public @Nullable String getLastError() {
		return this.lastError;
	}

	public @Nullable Instant getProvisionedAt() {
		return this.provisionedAt;
	}

	public @Nullable Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public @Nullable String getPendingError() {
		return this.pendingError;
	}

	public @Nullable String getLastPlan() {
		return this.lastPlan;
	}

	public @Nullable Instant getLastPlanAt() {
		return this.lastPlanAt;
	}

}
