package fr.espacecommun.outbox.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed follow-up work is retried.
 *
 * @param retryInterval pause between two retry rounds; read by the {@code @Scheduled}
 * annotation of {@link OutboxRetries}
 * @param batchSize most publications resubmitted in one round
 * @param lockAtMostFor longest a round may hold the lock that keeps other instances out
 */
@ConfigurationProperties("espace.outbox")
record OutboxProperties(@DefaultValue("PT30S") Duration retryInterval, @DefaultValue("200") int batchSize,
		@DefaultValue("PT5M") Duration lockAtMostFor) {
}
