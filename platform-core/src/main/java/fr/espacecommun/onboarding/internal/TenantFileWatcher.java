package fr.espacecommun.onboarding.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.ReloadReport;
import fr.espacecommun.tenant.TenantConfigError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Re-reads the tenant folder every few seconds, so that an operator onboards a commune,
 * or changes one, by adding or editing its file: an accepted file is onboarded by
 * {@link TenantOnboarding} (listening to the catalogue) without a restart; a refused one
 * is logged with file:line:column, written to the registry, and never replaces what is
 * served. Unchanged files are not parsed again, so a reload costs a directory listing.
 * <p>
 * It runs on a thread of its own ({@value #THREAD}), not on the scheduler's pool: a
 * folder on a slow disk, or a hostile file, never delays an outbox retry, the draft purge
 * or the digest, and nothing a file holds (an {@code Error} included) stops it.
 */
@Component
class TenantFileWatcher implements SmartLifecycle {

	static final String THREAD = "tenant-watcher";

	private static final Logger logger = LoggerFactory.getLogger(TenantFileWatcher.class);

	private final FileTenantCatalog catalog;

	private final TenantOnboarding onboarding;

	/**
	 * Errors already reported, so that a file left broken is logged once, not every
	 * cycle.
	 */
	private volatile Set<TenantConfigError> reported = Set.of();

	/** Communes served without a file, already logged. */
	private volatile Set<String> withoutFile = Set.of();

	private final Duration interval;

	private volatile ScheduledExecutorService thread;

	/**
	 * @param interval every 2 s by default, so that what staff publish on another
	 * instance (read from the database at each reload) is served here within 5 s
	 */
	TenantFileWatcher(FileTenantCatalog catalog, TenantOnboarding onboarding,
			@Value("${espace.tenants.reload-interval:PT2S}") Duration interval) {
		this.catalog = catalog;
		this.onboarding = onboarding;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread watcher = new Thread(task, THREAD);
			watcher.setDaemon(true);
			return watcher;
		});
		long millis = Math.max(this.interval.toMillis(), 1);
		executor.scheduleWithFixedDelay(this::reloadSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.thread = executor;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.thread;
		this.thread = null;
		if (executor != null) {
			executor.shutdownNow();
			try {
				// a reload caught half way finishes its Keycloak or database call first
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void reloadSafely() {
		try {
			reload();
		}
		catch (VirtualMachineError ex) {
			// out of memory: the JVM is beyond saving, and says so itself
			throw ex;
		}
		catch (Throwable ex) {
			// a scheduled task that throws is never run again: whatever happens, the
			// next cycle must run
			logger.error("Tenant reload failed; will retry: {}", ex.toString());
		}
	}

	void reload() {
		try {
			ReloadReport report = this.catalog.reload();
			if (!report.added().isEmpty() || !report.changed().isEmpty()) {
				logger.info("Tenant files reloaded: added {}, changed {}", report.added(), report.changed());
			}
			List<TenantConfigError> errors = report.errors();
			for (TenantConfigError error : errors) {
				if (!this.reported.contains(error)) {
					logger.error("Tenant file refused, its commune keeps its last good definition: {}", error);
				}
			}
			for (String id : report.withoutFile()) {
				if (!this.withoutFile.contains(id)) {
					// operators see it on /platform too
					logger.warn("Tenant '{}' keeps being served although its file is gone; "
							+ "suspend it on /platform to close it", id);
				}
			}
			this.withoutFile = Set.copyOf(report.withoutFile());
			Set<TenantConfigError> current = Set.copyOf(errors);
			if (!current.equals(this.reported)) {
				// operators read refusals on /platform too, from the registry
				this.onboarding.recordRefusals(errors);
			}
			this.reported = current;
		}
		catch (RuntimeException ex) {
			// an onboarding failure (a file being written is never read half way) must
			// never stop the watcher: the next cycle tries again
			logger.error("Tenant reload failed; will retry", ex);
		}
	}

}
