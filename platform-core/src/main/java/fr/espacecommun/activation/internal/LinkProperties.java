package fr.espacecommun.activation.internal;

import fr.espacecommun.tenant.TenantDefinition;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How links in the communes' mails reach the platform. Locally
 * {@code http://fresnes.localhost:8080}; in production set {@code scheme: https},
 * {@code port: 443} and {@code host-suffix: .espace-commun.fr}.
 *
 * @param scheme {@code http} or {@code https}
 * @param port the public port (80 and 443 are left out of links)
 * @param hostSuffix picks, among the tenant's hosts, the first ending with it (empty: the
 * first host)
 */
@ConfigurationProperties("espace.links")
public record LinkProperties(@DefaultValue("http") String scheme, @DefaultValue("8080") int port,
		@DefaultValue("") String hostSuffix) {

	/** The base URL of the tenant's portal, without a trailing slash. */
	public String baseUrl(TenantDefinition tenant) {
		String host = tenant.hosts()
			.stream()
			.filter((candidate) -> candidate.endsWith(this.hostSuffix))
			.findFirst()
			.orElse(tenant.hosts().get(0));
		boolean defaultPort = this.port <= 0 || (this.scheme.equals("http") && this.port == 80)
				|| (this.scheme.equals("https") && this.port == 443);
		return this.scheme + "://" + host + (defaultPort ? "" : ":" + this.port);
	}

}
