package fr.espacecommun.registration;

import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import fr.espacecommun.identity.KeycloakClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires submission: accounts in Keycloak, records in the tenant's schema. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistrationProperties.class)
public class RegistrationConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RegistrationConfiguration.class);

	@Bean
	CitizenAccounts citizenAccounts(KeycloakClusters clusters) {
		return new CitizenAccounts(clusters);
	}

	@Bean
	CitizenRecords citizenRecords(DataSource dataSource) {
		return new CitizenRecords(dataSource);
	}

	@Bean
	RegistrationService registrationService(CitizenAccounts accounts, CitizenRecords records, DataSource dataSource,
			ActivationPolicy activation, PlatformTransactionManager transactionManager, Clock clock,
			RegistrationProperties properties) {
		return new KeycloakRegistrationService(accounts, records, new Registrations(dataSource), activation,
				new TransactionTemplate(transactionManager), clock, withinPool(properties, dataSource));
	}

	/**
	 * Submissions keep their connection while Keycloak works: they may take at most the
	 * pool's size less two, so page views always find one.
	 */
	static RegistrationProperties withinPool(RegistrationProperties properties, DataSource dataSource) {
		HikariDataSource hikari;
		try {
			if (!dataSource.isWrapperFor(HikariDataSource.class)) {
				return properties;
			}
			hikari = dataSource.unwrap(HikariDataSource.class);
		}
		catch (SQLException ex) {
			return properties;
		}
		int ceiling = Math.max(1, hikari.getMaximumPoolSize() - 2);
		if (properties.maxConcurrentSubmissions() <= ceiling) {
			return properties;
		}
		logger.warn(
				"espace.registration.max-concurrent-submissions={} would take the whole connection pool ({}): {} used",
				properties.maxConcurrentSubmissions(), hikari.getMaximumPoolSize(), ceiling);
		return new RegistrationProperties(ceiling, properties.submissionQueueWait());
	}

}
