package fr.espacecommun.onboarding.internal;

import java.util.List;
import java.util.Set;

import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.ReloadReport;
import fr.espacecommun.tenant.TenantConfigError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-reads the tenant folder every few seconds, so that an operator onboards a commune,
 * or changes one, by adding or editing its file: an accepted file is onboarded by
 * {@link TenantOnboarding} (listening to the catalogue) without a restart; a refused one
 * is logged with file:line:column, written to the registry, and never replaces what is
 * served. Unchanged files are not parsed again, so a reload costs a directory listing.
 */
@Component
class TenantFileWatcher {

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

	TenantFileWatcher(FileTenantCatalog catalog, TenantOnboarding onboarding) {
		this.catalog = catalog;
		this.onboarding = onboarding;
	}

	/**
	 * Every 2 s by default, so that what staff publish on another instance (read from the
	 * database at each reload) is served here within 5 s.
	 */
	@Scheduled(initialDelayString = "${espace.tenants.reload-interval:PT2S}",
			fixedDelayString = "${espace.tenants.reload-interval:PT2S}")
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
