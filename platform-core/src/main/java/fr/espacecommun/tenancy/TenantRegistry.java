package fr.espacecommun.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import fr.espacecommun.tenancy.internal.TenantRow;
import fr.espacecommun.tenancy.internal.TenantRowMapper;
import fr.espacecommun.tenancy.internal.TenantRowRepository;
import org.jspecify.annotations.Nullable;
import org.mapstruct.factory.Mappers;

/**
 * The platform's list of tenants and their provisioning state, in schema
 * {@code platform}; usable with or without a tenant set. A suspension is an operator's
 * act: nothing but {@link #resume} lifts it, neither a reload nor a restart.
 */
public class TenantRegistry {

	private static final TenantRowMapper mapper = Mappers.getMapper(TenantRowMapper.class);

	private final TenantRowRepository rows;

	private final TenantTransactions transactions;

	public TenantRegistry(TenantRowRepository rows, TenantTransactions transactions) {
		this.rows = rows;
		this.transactions = transactions;
	}

	/**
	 * Inserts or updates the tenant's row, as onboarding an accepted file does: a refused
	 * edit recorded before is cleared (the file is good now), a suspended tenant stays
	 * suspended, the last plan is kept. A null {@code provisionedAt} keeps the stored
	 * one.
	 * @param registration the tenant's state
	 * @return the row as stored
	 */
	public TenantRegistration upsert(TenantRegistration registration) {
		return this.transactions.onPlatform(() -> {
			this.rows.upsert(registration.id(), registration.name(), String.join(",", registration.hosts()),
					registration.keycloakCluster(), registration.status(), registration.configHash(),
					registration.lastError(), registration.provisionedAt());
			return this.rows.findById(registration.id()).map(mapper::registration).orElseThrow();
		});
	}

	/**
	 * Records that the tenant's file was refused while no good definition of it is served
	 * (a new commune's first file, or a file broken before a restart): the row says
	 * {@link TenantStatus#REFUSED} with the error, unless an operator suspended it. What
	 * an earlier onboarding stored (name, hosts, cluster) is kept.
	 * @param tenantId the tenant id the file's name declares
	 * @param error the file's first error ({@code file:line:column: [rule] message})
	 * @return whether the row changed
	 */
	public boolean refuse(String tenantId, String error) {
		String id = TenantContext.requireValidId(tenantId);
		return this.transactions.onPlatform(() -> this.rows.refuse(id, error) > 0);
	}

	/**
	 * Records (or clears, with {@code null}) the first error of a refused edit of a
	 * tenant that keeps serving its last good definition.
	 * @return whether the row changed
	 */
	public boolean recordPendingError(String tenantId, @Nullable String error) {
		return this.transactions.onPlatform(() -> this.rows.recordPendingError(tenantId, error) > 0);
	}

	/**
	 * Records what the change just applied to the tenant created or changed, dated now.
	 * @param plan the plan's steps, one per line
	 */
	public void recordPlan(String tenantId, String plan) {
		this.transactions.onPlatform(() -> this.rows.recordPlan(tenantId, plan));
	}

	/**
	 * Clears the refused edit of every tenant but these, whose files are refused right
	 * now.
	 * @return how many rows changed
	 */
	public int clearPendingErrorsExcept(Collection<String> refusedTenantIds) {
		return this.transactions.onPlatform(() -> refusedTenantIds.isEmpty() ? this.rows.clearPendingErrors()
				: this.rows.clearPendingErrorsExcept(List.copyOf(refusedTenantIds)));
	}

	/**
	 * Forgets the rows of files refused before, never onboarded, and refused no more
	 * (deleted, or renamed): the operators' page lists only what exists.
	 * @param refusedTenantIds the tenants whose files are refused right now
	 * @return how many rows went
	 */
	public int forgetRefusedExcept(Collection<String> refusedTenantIds) {
		// "not in ()" is no valid SQL: an id no tenant can have stands for none
		List<String> ids = refusedTenantIds.isEmpty() ? List.of("-") : List.copyOf(refusedTenantIds);
		return this.transactions.onPlatform(() -> this.rows.deleteRefusedExcept(ids));
	}

	/**
	 * Locks the tenant's row until the caller's transaction ends and returns its status.
	 */
	public Optional<TenantStatus> lockStatus(String tenantId) {
		return this.transactions.onPlatform(() -> this.rows.lockById(tenantId).map(TenantRow::getStatus));
	}

	/**
	 * Sets the tenant's status, as an operator's suspension or resumption does.
	 * @return whether a row was changed
	 */
	public boolean changeStatus(String tenantId, TenantStatus status) {
		return this.transactions.onPlatform(() -> this.rows.changeStatus(tenantId, status) > 0);
	}

	/** The tenant's row, if any. */
	public Optional<TenantRegistration> find(String tenantId) {
		return this.transactions.onPlatform(() -> this.rows.findById(tenantId).map(mapper::registration));
	}

	/** The tenant's status, if it has a row: one indexed read for the request path. */
	public Optional<TenantStatus> status(String tenantId) {
		return this.transactions.onPlatform(() -> this.rows.findStatusById(tenantId));
	}

	/** Every row, by id. */
	public List<TenantRegistration> findAll() {
		return this.transactions
			.onPlatform(() -> this.rows.findAllByOrderByIdAsc().stream().map(mapper::registration).toList());
	}

}
