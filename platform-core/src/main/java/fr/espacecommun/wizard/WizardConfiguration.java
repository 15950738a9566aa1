package fr.espacecommun.wizard;

import java.time.Clock;
import java.time.Duration;

import fr.espacecommun.tenant.TenantCatalog;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Wizard settings, and the job that deletes expired drafts in every tenant's schema (on
 * one platform instance at a time).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WizardProperties.class)
class WizardConfiguration {

	/**
	 * The purge's lock, one of the platform's ShedLock locks (timed by the database's
	 * clock, so instances whose clocks drift agree), is kept half a purge interval after
	 * each run.
	 */
	@Bean
	DraftPurge draftPurge(TenantCatalog catalog, WizardEngine engine, LockProvider locks,
			@Value("${espace.wizard.purge-interval:PT1H}") Duration purgeInterval) {
		return new DraftPurge(catalog, engine, new DefaultLockingTaskExecutor(locks), purgeInterval.dividedBy(2),
				Clock.systemUTC());
	}

	/** Runs the purge on every instance's schedule; the lock lets one of them do it. */
	@Bean
	PurgeSchedule purgeSchedule(DraftPurge purge) {
		return new PurgeSchedule(purge);
	}

	static final class PurgeSchedule {

		private final DraftPurge purge;

		PurgeSchedule(DraftPurge purge) {
			this.purge = purge;
		}

		@Scheduled(initialDelayString = "${espace.wizard.purge-interval:PT1H}",
				fixedDelayString = "${espace.wizard.purge-interval:PT1H}")
		void purge() {
			this.purge.run();
		}

	}

}
