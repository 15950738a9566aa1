package fr.espacecommun.registration.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Submission settings, per platform instance. Each submission keeps one pooled database
 * connection while Keycloak creates the account (the registration row stays locked), so
 * at most {@code maxConcurrentSubmissions} run at once, well below the connection pool's
 * size: page views always find a free connection. The others wait in a fair queue for at
 * most {@code submissionQueueWait}, then get the "service momentanément indisponible"
 * page with their draft kept.
 *
 * @param maxConcurrentSubmissions submissions calling Keycloak at once on this instance
 * (Keycloak's password hashing is CPU-bound: more only queue inside Keycloak)
 * @param submissionQueueWait how long a submission waits for its turn
 */
@ConfigurationProperties("espace.registration")
public record RegistrationProperties(@DefaultValue("4") int maxConcurrentSubmissions,
		@DefaultValue("20s") Duration submissionQueueWait) {

}
