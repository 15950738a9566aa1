package fr.espacecommun.identity.internal;

import java.util.Map;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.KeycloakTestSupport;
import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health of two real Keycloak servers started from the same cached distribution, one of
 * them stopped and restarted on its ports.
 */
class KeycloakHealthIndicatorTests {

	@Test
	void healthWhenSecondClusterStoppedThenDownAndWhenRestartedThenUp() {
		EmbeddedKeycloak first = EmbeddedKeycloak.shared();
		try (EmbeddedKeycloak second = new EmbeddedKeycloak()) {
			second.start();
			try (KeycloakClusters clusters = new KeycloakClusters(KeycloakTestSupport.properties(first, second))) {
				KeycloakHealthIndicator indicator = new KeycloakHealthIndicator(clusters);

				Health bothUp = indicator.health();
				second.stop();
				Health secondDown = indicator.health();
				second.start();
				Health upAgain = indicator.health();

				assertThat(bothUp.getStatus()).isEqualTo(Status.UP);
				assertThat(cluster(bothUp, "cluster2").getDetails()).containsEntry("url", second.url());
				assertThat(secondDown.getStatus()).isEqualTo(Status.DOWN);
				assertThat(cluster(secondDown, "default").getStatus()).isEqualTo(Status.UP);
				assertThat(cluster(secondDown, "cluster2").getStatus()).isEqualTo(Status.DOWN);
				assertThat(cluster(secondDown, "cluster2").getDetails()).containsEntry("url", second.url())
					.containsKey("error");
				assertThat(upAgain.getStatus()).isEqualTo(Status.UP);
			}
		}
	}

	@Test
	void healthWhenNothingListensThenDownWithUrl() {
		KeycloakProperties properties = new KeycloakProperties(
				Map.of("default", KeycloakTestSupport.cluster("http://localhost:1", "admin", "nope")),
				new KeycloakProperties.Platform("default", "platform", "x", java.util.List.of("localhost")),
				new KeycloakProperties.WebClient("espace-commun-web", java.util.List.of(8080)));
		try (KeycloakClusters clusters = new KeycloakClusters(properties)) {
			Health health = new KeycloakHealthIndicator(clusters).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(cluster(health, "default").getDetails()).containsEntry("url", "http://localhost:1");
		}
	}

	private static Health cluster(Health health, String name) {
		return (Health) health.getDetails().get(name);
	}

}
