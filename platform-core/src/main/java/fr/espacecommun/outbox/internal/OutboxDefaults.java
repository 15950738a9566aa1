package fr.espacecommun.outbox.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Modulith's registry settings every context of the platform needs, as defaults
 * that configuration may override: publications in {@code platform.event_publication}
 * (created by Liquibase), deleted once completed, and those stuck in a state (an instance
 * that died while holding them) marked failed so that {@link OutboxRetries} takes them up
 * again.
 */
public class OutboxDefaults implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE = "espaceOutboxDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.modulith.events.jdbc.schema", "platform");
		defaults.put("spring.modulith.events.jdbc.schema-initialization.enabled", "false");
		defaults.put("spring.modulith.events.completion-mode", "delete");
		// our own schedule resubmits, once across instances (OutboxRetries)
		defaults.put("spring.modulith.events.republish-outstanding-events-on-restart", "false");
		// a publication left PUBLISHED, PROCESSING or RESUBMITTED this long belongs to an
		// instance that died (or a listener that hung): mark it failed, to be retried
		defaults.put("spring.modulith.events.staleness.published", "PT2M");
		defaults.put("spring.modulith.events.staleness.processing", "PT5M");
		defaults.put("spring.modulith.events.staleness.resubmission", "PT5M");
		defaults.put("spring.modulith.events.staleness.check-intervall", "PT30S");
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
