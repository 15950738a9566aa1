package fr.espacecommun.wizard.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Wizard settings. Expired drafts are deleted every {@code espace.wizard.purge-interval}
 * (ISO-8601, default {@code PT1H}).
 *
 * @param draftTtl how long a draft lives after its last change
 * @param submissionWait how long a second submission of the same draft waits for the
 * first one's outcome
 */
@ConfigurationProperties("espace.wizard")
public record WizardProperties(@DefaultValue("24h") Duration draftTtl, @DefaultValue("15s") Duration submissionWait) {

}
