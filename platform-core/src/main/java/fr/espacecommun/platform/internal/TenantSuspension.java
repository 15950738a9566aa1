package fr.espacecommun.platform.internal;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenancy.TenantStatuses;
import fr.espacecommun.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * An operator suspends a commune (its pages and APIs then say the service is closed; its
 * data, realm and schema are kept) or resumes it. The status lives in the registry, so
 * every instance of the platform sees it and no reload or restart lifts it; each act is
 * written to the commune's own audit log.
 */
@Service
public class TenantSuspension {

	/** Audit action of a suspension. */
	public static final String SUSPENDED = "tenant.suspended";

	/** Audit action of a resumption. */
	public static final String RESUMED = "tenant.resumed";

	private static final Logger logger = LoggerFactory.getLogger(TenantSuspension.class);

	private final TenantRegistry registry;

	private final TenantStatuses statuses;

	private final AuditLog auditLog;

	private final TenantTransactions transactions;

	TenantSuspension(TenantRegistry registry, TenantStatuses statuses, AuditLog auditLog,
			TenantTransactions transactions) {
		this.registry = registry;
		this.statuses = statuses;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/**
	 * Suspends the tenant.
	 * @param tenantId a tenant of the registry, with a schema
	 * @param operator the operator's username
	 * @return whether it was serving until now (false: already suspended)
	 */
	public boolean suspend(String tenantId, String operator) {
		return change(tenantId, operator, true);
	}

	/**
	 * Resumes the tenant: serving again, or pending if its last provisioning failed.
	 * @param tenantId a tenant of the registry, with a schema
	 * @param operator the operator's username
	 * @return whether it was suspended until now
	 */
	public boolean resume(String tenantId, String operator) {
		return change(tenantId, operator, false);
	}

	private boolean change(String tenantId, String operator, boolean suspend) {
		// one transaction of the commune's: its journal and the registry's row (whose
		// entity names schema platform) commit together
		boolean changed = this.transactions.run(tenantId, () -> {
			TenantStatus before = this.registry.lockStatus(tenantId)
				.orElseThrow(() -> new IllegalArgumentException("No tenant " + tenantId + " in the registry"));
			if (suspend == (before == TenantStatus.SUSPENDED)) {
				return false;
			}
			TenantStatus after = suspend ? TenantStatus.SUSPENDED : resumedStatus(tenantId);
			this.registry.changeStatus(tenantId, after);
			this.auditLog.record("operator:" + operator, suspend ? SUSPENDED : RESUMED, tenantId, before.name(),
					after.name());
			return true;
		});
		// this instance at once; the others within their status cache's time to live
		this.statuses.invalidate(tenantId);
		if (changed) {
			TenantContext.runAs(tenantId, () -> logger.info("Tenant {} {} by operator {}", tenantId,
					suspend ? "suspended" : "resumed", operator));
		}
		return changed;
	}

	private TenantStatus resumedStatus(String tenantId) {
		return this.registry.find(tenantId)
			.filter((row) -> row.lastError() != null)
			.map((row) -> TenantStatus.PENDING)
			.orElse(TenantStatus.SERVING);
	}

}
