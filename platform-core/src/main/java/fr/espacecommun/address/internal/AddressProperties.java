package fr.espacecommun.address.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the platform asks the Base Adresse Nationale for suggestions.
 *
 * @param baseUrl the API's base URL; {@code /search} is appended
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the whole answer once asked
 * @param cacheTtl how long an answer is reused
 * @param cacheMaximumSize how many answers are kept at most
 */
@ConfigurationProperties("espace.address")
record AddressProperties(@DefaultValue("https://data.geopf.fr/geocodage") URI baseUrl,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("1500ms") Duration readTimeout,
		@DefaultValue("10m") Duration cacheTtl, @DefaultValue("10000") long cacheMaximumSize) {

}
