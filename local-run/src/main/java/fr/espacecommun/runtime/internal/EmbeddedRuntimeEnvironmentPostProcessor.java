package fr.espacecommun.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import fr.espacecommun.runtime.EmbeddedSmtp;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded runtime parts (PostgreSQL, Keycloak, an SMTP catcher) before the
 * application context, and points the application at them. Each part starts only when its
 * {@code espace.embedded.*} switch is on (the default, for local runs and tests) and the
 * application was not already given an address for it, so production and Testcontainers
 * runs are pure configuration.
 */
public class EmbeddedRuntimeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the embedded parts' addresses. */
	public static final String PROPERTY_SOURCE = "espaceEmbeddedRuntime";

	private final Log logger;

	public EmbeddedRuntimeEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmbeddedRuntimeEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean postgres = wanted(environment, "postgres", "spring.datasource.url");
		boolean keycloak = wanted(environment, "keycloak", "espace.keycloak.clusters.default.url");
		boolean smtp = wanted(environment, "smtp", "spring.mail.host");
		if (!postgres && !keycloak && !smtp) {
			return;
		}
		long start = System.nanoTime();
		// Keycloak takes the longest: start the parts side by side.
		CompletableFuture<EmbeddedKeycloak> keycloakStart = keycloak
				? CompletableFuture.supplyAsync(EmbeddedKeycloak::shared) : CompletableFuture.completedFuture(null);
		Map<String, Object> properties = new LinkedHashMap<>();
		if (postgres) {
			EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
			properties.put("spring.datasource.url", server.jdbcUrl());
			properties.put("spring.datasource.username", server.username());
			properties.put("spring.datasource.password", server.password());
		}
		if (smtp) {
			EmbeddedSmtp catcher = EmbeddedSmtp.shared();
			properties.put("spring.mail.host", catcher.host());
			properties.put("spring.mail.port", catcher.port());
		}
		if (keycloak) {
			EmbeddedKeycloak server = keycloakStart.join();
			properties.put("espace.keycloak.clusters.default.url", server.url());
			properties.put("espace.keycloak.clusters.default.admin-username", server.adminUsername());
			properties.put("espace.keycloak.clusters.default.admin-password", server.adminPassword());
			properties.put("espace.embedded.keycloak-log", server.logFile().toString());
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
		this.logger.info("Embedded runtime ready in " + (System.nanoTime() - start) / 1_000_000 + " ms" + " (postgres="
				+ postgres + ", keycloak=" + keycloak + ", smtp=" + smtp + ")");
	}

	private static boolean wanted(ConfigurableEnvironment environment, String part, String addressProperty) {
		return environment.getProperty("espace.embedded." + part, Boolean.class, true)
				&& !environment.containsProperty(addressProperty);
	}

	@Override
	public int getOrder() {
		// after application.yaml and the test-side runtime chooser have been read
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
