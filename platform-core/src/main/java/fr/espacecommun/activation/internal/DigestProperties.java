package fr.espacecommun.activation.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daily digest of accounts awaiting approval. Its time is
 * {@code espace.activation.digest-cron} (Spring cron, default {@code 0 0 8 * * *}, "-"
 * turns it off) in {@code espace.activation.digest-zone} (default Europe/Paris), read by
 * the {@code @Scheduled} annotation of {@link ApprovalDigest}.
 *
 * @param digestLockAtLeastFor how long the run keeps its lock after finishing: another
 * instance whose clock or scheduler fires up to this late finds it held and sends nothing
 * @param digestLockAtMostFor how long a crashed instance's lock blocks the others
 */
@ConfigurationProperties("espace.activation")
record DigestProperties(@DefaultValue("PT1H") Duration digestLockAtLeastFor,
		@DefaultValue("PT2H") Duration digestLockAtMostFor) {

}
