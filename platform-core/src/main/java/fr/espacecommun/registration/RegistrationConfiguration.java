package fr.espacecommun.registration;

import java.time.Clock;

import javax.sql.DataSource;

import fr.espacecommun.identity.KeycloakClusters;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires submission: accounts in Keycloak, records in the tenant's schema. */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

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
			ActivationPolicy activation, PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
		return new KeycloakRegistrationService(accounts, records, new Registrations(dataSource), activation,
				new TransactionTemplate(transactionManager), clock.getIfUnique(Clock::systemUTC));
	}

}
