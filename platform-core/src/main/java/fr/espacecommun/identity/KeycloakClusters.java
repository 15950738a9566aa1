package fr.espacecommun.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.client.Client;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;

/**
 * One Keycloak Admin Client per configured cluster, created on first use and closed with
 * the application.
 */
public class KeycloakClusters implements AutoCloseable {

	private final KeycloakProperties properties;

	private final Map<String, Keycloak> clients = new ConcurrentHashMap<>();

	public KeycloakClusters(KeycloakProperties properties) {
		this.properties = properties;
	}

	/** The Admin Client of the cluster that holds the tenant's realm. */
	public Keycloak forTenant(TenantDefinition tenant) {
		try {
			return forCluster(tenant.keycloak().cluster());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Tenant '" + tenant.id() + "': " + ex.getMessage(), ex);
		}
	}

	/** The Admin Client of the cluster that holds the platform operators' realm. */
	public Keycloak forPlatform() {
		return forCluster(this.properties.platform().cluster());
	}

	/** The Admin Client of a cluster, by name. */
	public Keycloak forCluster(String name) {
		KeycloakProperties.Cluster cluster = this.properties.cluster(name);
		return this.clients.computeIfAbsent(name, (key) -> connect(cluster));
	}

	/**
	 * Forgets the cluster's Admin Client, so that the next use signs in again: after a
	 * restart of a Keycloak without persistent keys, the cached token is refused.
	 */
	public void reset(String name) {
		Keycloak client = this.clients.remove(name);
		if (client != null) {
			client.close();
		}
	}

	/** Every configured cluster by name. */
	public Map<String, KeycloakProperties.Cluster> clusters() {
		return this.properties.clusters();
	}

	private static Keycloak connect(KeycloakProperties.Cluster cluster) {
		// the default client waits forever: a hung Keycloak would hang provisioning and
		// the health endpoint with it
		Client client = ResteasyClientClassicProvider.createClientBuilder()
			.connectTimeout(5, TimeUnit.SECONDS)
			.readTimeout(30, TimeUnit.SECONDS)
			.register(JacksonProvider.class, 100)
			.build();
		return KeycloakBuilder.builder()
			.resteasyClient(client)
			.serverUrl(cluster.url())
			.realm(cluster.adminRealm())
			.clientId(cluster.adminClientId())
			.username(cluster.adminUsername())
			.password(cluster.adminPassword())
			.build();
	}

	@Override
	public void close() {
		this.clients.values().forEach(Keycloak::close);
		this.clients.clear();
	}

}
