package fr.espacecommun.outbox.internal;

import java.time.Clock;
import java.time.Duration;

import fr.espacecommun.outbox.TenantEvent;
import fr.espacecommun.tenant.TenantCatalog;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Resubmits the follow-up work whose listener failed (Keycloak or SMTP down) or whose
 * instance died, every {@code espace.outbox.retry-interval}, on one instance at a time
 * (ShedLock in {@code platform.shedlock}). Modulith claims each publication by a
 * conditional update before running it again, so two rounds never run one twice at once.
 * Work of a tenant this instance does not serve is left to an instance that does.
 */
public class OutboxRetries {

	static final String LOCK_NAME = "outbox-retries";

	private static final Logger logger = LoggerFactory.getLogger(OutboxRetries.class);

	private final FailedEventPublications failed;

	private final LockingTaskExecutor locks;

	private final OutboxProperties properties;

	private final TenantCatalog catalog;

	private final Clock clock;

	OutboxRetries(FailedEventPublications failed, LockingTaskExecutor locks, OutboxProperties properties,
			TenantCatalog catalog, Clock clock) {
		this.failed = failed;
		this.locks = locks;
		this.properties = properties;
		this.catalog = catalog;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${espace.outbox.retry-interval:PT30S}",
			fixedDelayString = "${espace.outbox.retry-interval:PT30S}")
	void scheduled() {
		try {
			retryNow();
		}
		catch (RuntimeException ex) {
			// the database may be down too: the next round tries again
			logger.warn("Outbox retry round failed: {}", ex.toString());
		}
	}

	/**
	 * Resubmits the failed publications now, unless another instance is doing it.
	 * @return whether this instance ran the round
	 */
	public boolean retryNow() {
		// held at least a little, so that instances whose schedules are close do not
		// run back-to-back rounds
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME, this.properties.lockAtMostFor(),
				Duration.ofSeconds(1));
		try {
			TaskResult<Boolean> result = this.locks.executeWithLock(() -> {
				this.failed.resubmit(ResubmissionOptions.defaults()
					.withBatchSize(this.properties.batchSize())
					.withMaxInFlight(this.properties.batchSize())
					.withFilter(this::served));
				return true;
			}, lock);
			return result.wasExecuted();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean served(EventPublication publication) {
		return !(publication.getEvent() instanceof TenantEvent event)
				|| this.catalog.byId(event.tenantId()).isPresent();
	}

}
