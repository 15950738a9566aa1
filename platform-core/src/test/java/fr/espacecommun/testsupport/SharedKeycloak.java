package fr.espacecommun.testsupport;

import java.time.Duration;
import java.util.UUID;

import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The Keycloak server all tests of a JVM share: a Testcontainers container where a Docker
 * engine exists, the embedded server otherwise. Force one with
 * {@code -Despace.keycloak=docker} or {@code -Despace.keycloak=embedded}.
 */
public final class SharedKeycloak {

	private static final String IMAGE = "quay.io/keycloak/keycloak:26.7.3";

	private static @Nullable ServerInfo info;

	private SharedKeycloak() {
	}

	/** Address and admin credentials of the shared server, started on first call. */
	public static synchronized ServerInfo get() {
		if (info == null) {
			info = Docker.use("espace.keycloak") ? startContainer() : startEmbedded();
		}
		return info;
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
	private static ServerInfo startContainer() {
		String password = UUID.randomUUID().toString();
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withCommand("start-dev")
			.withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
			.withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", password)
			// the platform's login theme, as docker-compose.yml mounts it
			.withCopyFileToContainer(MountableFile.forClasspathResource("keycloak/themes/espace-commun"),
					"/opt/keycloak/themes/espace-commun")
			.withExposedPorts(8080)
			.waitingFor(Wait.forHttp("/realms/master").forPort(8080).withStartupTimeout(Duration.ofMinutes(3)));
		container.start();
		// "localhost", never the container's address: tokens' issuer follows the host
		// used
		return new ServerInfo("http://localhost:" + container.getMappedPort(8080), "admin", password, "docker");
	}

	private static ServerInfo startEmbedded() {
		EmbeddedKeycloak server = EmbeddedKeycloak.shared();
		return new ServerInfo(server.url(), server.adminUsername(), server.adminPassword(), "embedded");
	}

	/**
	 * How to reach the shared server.
	 *
	 * @param url base URL, e.g. {@code http://localhost:8180}
	 * @param adminUsername user of realm master allowed to manage realms
	 * @param adminPassword its password
	 * @param source {@code docker} or {@code embedded}
	 */
	public record ServerInfo(String url, String adminUsername, String adminPassword, String source) {
	}

}
