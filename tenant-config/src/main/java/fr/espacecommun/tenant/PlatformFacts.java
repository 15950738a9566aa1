package fr.espacecommun.tenant;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * What a tenant file is checked against outside itself: the Keycloak clusters the
 * platform is configured with, and the platform's own host names, which no commune may
 * take.
 *
 * @param clusters the configured cluster names ({@code espace.keycloak.clusters})
 * @param platformHosts the operators' hosts ({@code espace.platform.hosts}), lower case
 */
public record PlatformFacts(Set<String> clusters, Set<String> platformHosts) {

	/**
	 * The local run's and the tests' platform: one cluster {@code default}, the operators
	 * on {@code localhost}, {@code 127.0.0.1} and {@code platform.localhost}.
	 */
	public static final PlatformFacts LOCAL = new PlatformFacts(Set.of("default"),
			Set.of("localhost", "127.0.0.1", "platform.localhost"));

	public PlatformFacts {
		clusters = Set.copyOf(clusters);
		platformHosts = Set.copyOf(platformHosts.stream().map((host) -> host.toLowerCase(Locale.ROOT)).toList());
	}

	/**
	 * Facts from configuration lists.
	 * @param clusters cluster names
	 * @param platformHosts host names of the platform
	 * @return the facts
	 */
	public static PlatformFacts of(Collection<String> clusters, Collection<String> platformHosts) {
		return new PlatformFacts(Set.copyOf(clusters), Set.copyOf(platformHosts));
	}

}
