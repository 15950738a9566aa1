package fr.espacecommun.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.espacecommun.identity.KeycloakProperties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start a platform that is missing a part: the packaged jar has no embedded
 * PostgreSQL, Keycloak nor mail catcher (the local-run module is left out of it), so a
 * setting forgotten in production stops the start with one line naming it, rather than a
 * platform that loses every mail or writes to nowhere. Runs after the local run's and the
 * tests' embedded parts have given their addresses.
 */
public class RequiredSettings implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> missing = missing(environment);
		if (!missing.isEmpty()) {
			throw new MissingSettingsException(missing);
		}
	}

	static List<String> missing(ConfigurableEnvironment environment) {
		List<String> missing = new ArrayList<>();
		if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			missing.add("spring.datasource.url (PostgreSQL : jdbc:postgresql://hôte:5432/base)");
		}
		Map<String, KeycloakProperties.Cluster> clusters = Binder.get(environment)
			.bind("espace.keycloak.clusters", Bindable.mapOf(String.class, KeycloakProperties.Cluster.class))
			.orElse(Map.of());
		if (clusters.values().stream().noneMatch((cluster) -> StringUtils.hasText(cluster.url()))) {
			missing.add("espace.keycloak.clusters.default.url (adresse d'un cluster Keycloak, "
					+ "ESPACE_KEYCLOAK_CLUSTERS_DEFAULT_URL)");
		}
		if (!StringUtils.hasText(environment.getProperty("spring.mail.host"))) {
			missing.add("spring.mail.host (serveur SMTP des courriels d'activation, SPRING_MAIL_HOST)");
		}
		return missing;
	}

	@Override
	public int getOrder() {
		// after the local run's and the tests' embedded parts (LOWEST_PRECEDENCE - 10)
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** The settings a production start lacks. */
	static final class MissingSettingsException extends IllegalStateException {

		private final List<String> missing;

		MissingSettingsException(List<String> missing) {
			super("Espace Commun ne démarre pas, réglage manquant : " + String.join(" ; ", missing));
			this.missing = List.copyOf(missing);
		}

		List<String> missing() {
			return this.missing;
		}

	}

}
