package fr.espacecommun.wizard.internal;

import java.time.Clock;
import java.time.Duration;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired drafts in every tenant's schema, on one platform instance at a time: a
 * ShedLock lock in schema {@code platform} is taken for the run and kept a while after,
 * so the other instances, firing on their own schedule, skip it.
 */
public class DraftPurge {

	/** The lock's name in {@code platform.shedlock}. */
	public static final String LOCK_NAME = "wizard-draft-purge";

	/** No purge lasts this long; a crashed instance's lock is free again after it. */
	private static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(30);

	private static final Logger logger = LoggerFactory.getLogger(DraftPurge.class);

	private final TenantCatalog catalog;

	private final WizardEngine engine;

	private final LockingTaskExecutor locks;

	private final Duration lockAtLeastFor;

	private final Clock clock;

	DraftPurge(TenantCatalog catalog, WizardEngine engine, LockingTaskExecutor locks, Duration lockAtLeastFor,
			Clock clock) {
		this.catalog = catalog;
		this.engine = engine;
		this.locks = locks;
		this.lockAtLeastFor = lockAtLeastFor;
		this.clock = clock;
	}

	/**
	 * Purges, unless another instance holds the lock (it is purging, or purged less than
	 * half a purge interval ago).
	 * @return whether this instance purged
	 */
	public boolean run() {
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME, LOCK_AT_MOST_FOR,
				this.lockAtLeastFor);
		try {
			TaskResult<Integer> result = this.locks.executeWithLock(this::purgeAll, lock);
			if (result.wasExecuted() && result.getResult() != null && result.getResult() > 0) {
				logger.info("Deleted {} expired wizard drafts", result.getResult());
			}
			return result.wasExecuted();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Draft purge failed", ex);
		}
	}

	/** Tenant by tenant; one failing schema does not stop the rest. */
	private int purgeAll() {
		int deleted = 0;
		for (TenantDefinition tenant : this.catalog.all()) {
			try {
				deleted += TenantContext.callAs(tenant.id(), this.engine::purgeExpired);
			}
			catch (Exception ex) {
				TenantContext.runAs(tenant.id(), () -> logger.warn("Purging expired drafts failed", ex));
			}
		}
		return deleted;
	}

}
