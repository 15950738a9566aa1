package fr.espacecommun.identity;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Keycloak clusters that hold the communes' realms, and what the platform creates in
 * each realm.
 *
 * @param clusters the clusters by name, as tenants name them in {@code keycloak.cluster}
 * @param platform where the operators' realm lives
 * @param webClient the OIDC client of the web application, created in every realm
 */
@ConfigurationProperties("espace.keycloak")
public record KeycloakProperties(@DefaultValue Map<String, Cluster> clusters, @DefaultValue Platform platform,
		@DefaultValue WebClient webClient) {

	public KeycloakProperties {
		clusters = Map.copyOf(clusters);
	}

	/** The cluster of this name, or a clear error naming the configured ones. */
	public Cluster cluster(String name) {
		Cluster cluster = this.clusters.get(name);
		if (cluster == null) {
			throw new IllegalArgumentException(
					"Unknown Keycloak cluster '" + name + "': configure espace.keycloak.clusters." + name
							+ " (configured: " + this.clusters.keySet() + ")");
		}
		return cluster;
	}

	/**
	 * One Keycloak cluster, reached as an administrator.
	 *
	 * @param url base URL, such as {@code https://auth-1.example.fr}
	 * @param adminRealm realm of the administrator account
	 * @param adminClientId client used to sign the administrator in
	 * @param adminUsername administrator's username
	 * @param adminPassword administrator's password
	 */
	public record Cluster(String url, @DefaultValue("master") String adminRealm,
			@DefaultValue("admin-cli") String adminClientId, String adminUsername, String adminPassword) {

		@Override
		public String toString() {
			return "Cluster[url=" + this.url + ", adminRealm=" + this.adminRealm + ", adminUsername="
					+ this.adminUsername + "]";
		}

	}

	/**
	 * The platform operators' realm.
	 *
	 * @param cluster the cluster that holds it
	 * @param realm its name
	 * @param displayName name shown on its login page
	 * @param hosts host names of the operators' console
	 */
	public record Platform(@DefaultValue("default") String cluster, @DefaultValue("platform") String realm,
			@DefaultValue("Espace Commun — exploitation") String displayName, @DefaultValue( {
					"platform.localhost", "localhost" }) List<String> hosts){

		public Platform {
			hosts = List.copyOf(hosts);
		}

	}

	/**
	 * The web application's confidential OIDC client.
	 *
	 * @param clientId its client id, the same in every realm
	 * @param localPorts ports on which the application runs locally: each gives
	 * {@code http://<host>:<port>/*} redirect URIs for local hosts ({@code *.localhost}),
	 * since Keycloak accepts a wildcard only at the end of a redirect URI, never for the
	 * port
	 */
	public record WebClient(@DefaultValue("espace-commun-web") String clientId,
			@DefaultValue("8080") List<Integer> localPorts) {

		public WebClient {
			localPorts = List.copyOf(localPorts);
		}

	}

}
