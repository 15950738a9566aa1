package fr.espacecommun.wizard;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Wizard settings, and the job that deletes expired drafts in every tenant's schema.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WizardProperties.class)
class WizardConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WizardConfiguration.class);

	private final TenantCatalog catalog;

	private final WizardEngine engine;

	WizardConfiguration(TenantCatalog catalog, WizardEngine engine) {
		this.catalog = catalog;
		this.engine = engine;
	}

	/**
	 * Deletes expired drafts, tenant by tenant; one failing schema does not stop the
	 * rest.
	 */
	@Scheduled(initialDelayString = "${espace.wizard.purge-interval:PT1H}",
			fixedDelayString = "${espace.wizard.purge-interval:PT1H}")
	void purgeExpiredDrafts() {
		for (TenantDefinition tenant : this.catalog.all()) {
			try {
				TenantContext.runAs(tenant.id(), () -> {
					int deleted = this.engine.purgeExpired();
					if (deleted > 0) {
						logger.info("Deleted {} expired wizard drafts", deleted);
					}
				});
			}
			catch (RuntimeException ex) {
				TenantContext.runAs(tenant.id(), () -> logger.warn("Purging expired drafts failed", ex));
			}
		}
	}

}
