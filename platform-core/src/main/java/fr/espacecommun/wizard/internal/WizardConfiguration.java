package fr.espacecommun.wizard.internal;

import java.time.Clock;
import java.time.Duration;

import fr.espacecommun.address.AddressSearch;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.tenant.TenantCatalog;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The wizard's parts, and the job that deletes expired drafts in every tenant's schema
 * (on one platform instance at a time). Every part reads the time from the platform's
 * {@link Clock}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WizardProperties.class)
class WizardConfiguration {

	@Bean
	WizardEngine wizardEngine(WizardDraftRepository repository, WizardProperties properties,
			ObjectProvider<RegistrationService> registration, ObjectProvider<AddressSearch> addresses, Clock clock) {
		WizardDrafts drafts = new WizardDrafts(repository, properties, clock);
		return new WizardEngine(drafts, new WizardSubmission(drafts, registration, properties),
				new WizardServices(registration, addresses));
	}

	/**
	 * The purge's lock, one of the platform's ShedLock locks (timed by the database's
	 * clock, so instances whose clocks drift agree), is kept half a purge interval after
	 * each run.
	 */
	@Bean
	DraftPurge draftPurge(TenantCatalog catalog, WizardEngine engine, LockProvider locks,
			@Value("${espace.wizard.purge-interval:PT1H}") Duration purgeInterval, Clock clock) {
		return new DraftPurge(catalog, engine, new DefaultLockingTaskExecutor(locks), purgeInterval.dividedBy(2),
				clock);
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
