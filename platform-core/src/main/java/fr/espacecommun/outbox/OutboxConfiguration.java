package fr.espacecommun.outbox;

import javax.sql.DataSource;

import fr.espacecommun.tenant.TenantCatalog;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the retries of the durable outbox. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

	@Bean
	OutboxRetries outboxRetries(FailedEventPublications failed, DataSource dataSource, OutboxProperties properties,
			TenantCatalog catalog) {
		// timed by the database's clock, like the digest's lock: instances may drift
		JdbcTemplateLockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("platform.shedlock")
			.usingDbTime()
			.build());
		return new OutboxRetries(failed, new DefaultLockingTaskExecutor(locks), properties, catalog);
	}

}
