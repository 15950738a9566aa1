package fr.espacecommun.web.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests of each kind a client address, and a whole commune, may send per
 * minute before getting a 429 page.
 *
 * @param enabled whether limits apply (the test runs turn them off but for their own
 * test)
 * @param submissionsPerClient form submissions (wizard, activation, Mon espace) per
 * client address and commune
 * @param signInsPerClient sign-in starts and returns per client address and commune
 * @param addressSearchesPerClient address suggestions per client address and commune
 * @param submissionsPerTenant form submissions per commune, all clients together
 */
@ConfigurationProperties("espace.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30") int submissionsPerClient,
		@DefaultValue("20") int signInsPerClient, @DefaultValue("120") int addressSearchesPerClient,
		@DefaultValue("3000") int submissionsPerTenant) {
}
