package fr.espacecommun.onboarding;

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

	TenantFileWatcher(FileTenantCatalog catalog, TenantOnboarding onboarding) {
		this.catalog = catalog;
		this.onboarding = onboarding;
	}

	@Scheduled(initialDelayString = "${espace.tenants.reload-interval:PT5S}",
			fixedDelayString = "${espace.tenants.reload-interval:PT5S}")
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
			Set<TenantConfigError> current = Set.copyOf(errors);
			if (!current.equals(this.reported)) {
				// operators read refusals on /platform too, from the registry
				this.onboarding.recordRefusals(errors);
			}
			this.reported = current;
		}
		catch (RuntimeException ex) {
			// a file deleted or replaced mid-read, or an onboarding failure, must never
			// stop
			// the watcher: the next cycle tries again
			logger.error("Tenant reload failed; will retry", ex);
		}
	}

}
