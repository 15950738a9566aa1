package fr.espacecommun.identity.internal;

import fr.espacecommun.identity.CitizenPasswords;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.RealmProvisioner;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Keycloak clusters, the realm provisioner and the clusters' health. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakProperties.class)
public class IdentityConfiguration {

	@Bean(destroyMethod = "close")
	KeycloakClusters keycloakClusters(KeycloakProperties properties) {
		return new KeycloakClusters(properties);
	}

	@Bean
	RealmProvisioner realmProvisioner(KeycloakClusters clusters, KeycloakProperties properties) {
		return new RealmProvisioner(clusters, properties);
	}

	@Bean
	CitizenPasswords citizenPasswords(KeycloakClusters clusters) {
		return new CitizenPasswords(clusters);
	}

	@Bean
	KeycloakHealthIndicator keycloakHealthIndicator(KeycloakClusters clusters) {
		return new KeycloakHealthIndicator(clusters);
	}

}
