package fr.espacecommun.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In tests, points every application context at the PostgreSQL and Keycloak shared by the
 * whole test JVM (containers where Docker exists, embedded servers otherwise). Runs
 * before the main embedded-runtime post-processor, which then starts only the SMTP
 * catcher.
 */
public class TestRuntimeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("espace.test.shared-runtime", Boolean.class, true)) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!environment.containsProperty("spring.datasource.url")) {
			SharedPostgres.ConnectionInfo postgres = SharedPostgres.get();
			properties.put("spring.datasource.url", postgres.jdbcUrl());
			properties.put("spring.datasource.username", postgres.username());
			properties.put("spring.datasource.password", postgres.password());
		}
		if (!environment.containsProperty("espace.keycloak.clusters.default.url")) {
			SharedKeycloak.ServerInfo keycloak = SharedKeycloak.get();
			properties.put("espace.keycloak.clusters.default.url", keycloak.url());
			properties.put("espace.keycloak.clusters.default.admin-username", keycloak.adminUsername());
			properties.put("espace.keycloak.clusters.default.admin-password", keycloak.adminPassword());
		}
		// realms are provisioned by every context; all of them name the live server's
		// port, and the port of the second instance some tests start
		properties.put("espace.keycloak.web-client.local-ports[0]", LivePort.get());
		properties.put("espace.keycloak.web-client.local-ports[1]", LivePort.second());
		// every test client is 127.0.0.1: the rate-limit tests turn the limits back on
		properties.put("espace.rate-limit.enabled", "false");
		environment.getPropertySources().addLast(new MapPropertySource("espaceTestRuntime", properties));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

}
