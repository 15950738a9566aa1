package fr.espacecommun.outbox.internal;

import java.time.Clock;

import fr.espacecommun.tenant.TenantCatalog;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the retries of the durable outbox, on one instance at a time (the platform's
 * ShedLock locks).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

	@Bean
	OutboxRetries outboxRetries(FailedEventPublications failed, LockProvider locks, OutboxProperties properties,
			TenantCatalog catalog, Clock clock) {
		return new OutboxRetries(failed, new DefaultLockingTaskExecutor(locks), properties, catalog, clock);
	}

}
