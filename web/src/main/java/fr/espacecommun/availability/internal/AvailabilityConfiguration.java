package fr.espacecommun.availability.internal;

import java.time.Duration;

import javax.sql.DataSource;

import org.thymeleaf.TemplateEngine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the database probe and the 503 answer while the database is down. */
@Configuration(proxyBeanMethods = false)
class AvailabilityConfiguration {

	@Bean
	DatabaseAvailability databaseAvailability(DataSource dataSource,
			@Value("${espace.database.probe-interval:PT1S}") Duration probeInterval) {
		return new DatabaseAvailability(dataSource, probeInterval);
	}

	/**
	 * After the tenant filter (+10, the commune's branding), before the rate limits and
	 * the suspension check (+30, which reads the registry) and well before Spring
	 * Security (order -100, which reads the session).
	 */
	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(DatabaseAvailability database,
			TemplateEngine templates, MessageSource messages) {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DatabaseUnavailableFilter(database, templates, messages));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
