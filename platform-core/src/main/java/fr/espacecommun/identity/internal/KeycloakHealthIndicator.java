package fr.espacecommun.identity.internal;

import java.util.Map;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Each Keycloak cluster UP or DOWN, with its URL: the platform cannot sign anyone in, nor
 * register anyone, in the communes of a cluster that is down.
 */
class KeycloakHealthIndicator implements HealthIndicator {

	private final KeycloakClusters clusters;

	KeycloakHealthIndicator(KeycloakClusters clusters) {
		this.clusters = clusters;
	}

	@Override
	public Health health() {
		Health.Builder overall = Health.up();
		for (Map.Entry<String, KeycloakProperties.Cluster> entry : this.clusters.clusters().entrySet()) {
			Health cluster = check(entry.getKey(), entry.getValue());
			if (!cluster.getStatus().equals(Status.UP)) {
				overall.down();
			}
			overall.withDetail(entry.getKey(), cluster);
		}
		return overall.build();
	}

	private Health check(String name, KeycloakProperties.Cluster cluster) {
		try {
			return up(name, cluster);
		}
		catch (RuntimeException ex) {
			// once more with a new sign-in: the cached token dies with a restarted server
			this.clusters.reset(name);
		}
		try {
			return up(name, cluster);
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("url", cluster.url()).withDetail("error", ex.toString()).build();
		}
	}

	private Health up(String name, KeycloakProperties.Cluster cluster) {
		// reading the admin realm needs a valid admin token: proves the URL and the
		// credentials, for a few kilobytes (serverInfo would be hundreds)
		this.clusters.forCluster(name).realm(cluster.adminRealm()).toRepresentation();
		return Health.up().withDetail("url", cluster.url()).build();
	}

}
