package fr.espacecommun.identity.internal;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.RealmProvisioner;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(IdentityConfiguration.class);

	@Test
	void contextWhenOnlyUrlAndCredentialsThenDefaultsApply() {
		this.runner
			.withPropertyValues("espace.keycloak.clusters.default.url=https://auth.example.fr",
					"espace.keycloak.clusters.default.admin-username=admin",
					"espace.keycloak.clusters.default.admin-password=s3cret")
			.run((context) -> {
				KeycloakProperties properties = context.getBean(KeycloakProperties.class);
				KeycloakProperties.Cluster cluster = properties.cluster("default");
				assertThat(cluster.url()).isEqualTo("https://auth.example.fr");
				assertThat(cluster.adminRealm()).isEqualTo("master");
				assertThat(cluster.adminClientId()).isEqualTo("admin-cli");
				assertThat(cluster.toString()).doesNotContain("s3cret");
				assertThat(properties.platform().realm()).isEqualTo("platform");
				assertThat(properties.platform().cluster()).isEqualTo("default");
				assertThat(properties.webClient().clientId()).isEqualTo("espace-commun-web");
				assertThat(properties.webClient().localPorts()).containsExactly(8080);
				assertThat(context).hasSingleBean(RealmProvisioner.class)
					.hasSingleBean(KeycloakClusters.class)
					.hasSingleBean(HealthIndicator.class);
			});
	}

	@Test
	void contextWhenSeveralClustersThenEachBound() {
		this.runner
			.withPropertyValues("espace.keycloak.clusters.nord.url=https://auth-nord.example.fr",
					"espace.keycloak.clusters.nord.admin-username=a", "espace.keycloak.clusters.nord.admin-password=p",
					"espace.keycloak.clusters.sud.url=https://auth-sud.example.fr",
					"espace.keycloak.clusters.sud.admin-realm=ops", "espace.keycloak.clusters.sud.admin-username=b",
					"espace.keycloak.clusters.sud.admin-password=q", "espace.keycloak.platform.cluster=sud")
			.run((context) -> {
				KeycloakProperties properties = context.getBean(KeycloakProperties.class);
				assertThat(properties.clusters()).containsOnlyKeys("nord", "sud");
				assertThat(properties.cluster("sud").adminRealm()).isEqualTo("ops");
				assertThat(properties.platform().cluster()).isEqualTo("sud");
			});
	}

}
