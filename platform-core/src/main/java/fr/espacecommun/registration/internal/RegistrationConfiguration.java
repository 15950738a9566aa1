package fr.espacecommun.registration.internal;

import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.AcceptanceProofs;
import fr.espacecommun.registration.ActivationPolicy;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.CitizenHoldings;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.PendingApprovals;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.ServiceKeyRecords;
import fr.espacecommun.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
	CitizenRecords citizenRecords(CitizenProfileRepository profiles, AcceptanceProofRepository proofs,
			ServiceKeyLinkRepository links, RegistrationRowRepository registrations, TenantTransactions transactions) {
		return new CitizenRecords(profiles, proofs, links, registrations, transactions);
	}

	@Bean
	Registrations registrations(RegistrationRowRepository rows) {
		return new Registrations(rows);
	}

	@Bean
	PendingApprovals pendingApprovals(RegistrationRowRepository registrations, CitizenProfileRepository profiles,
			ServiceKeyLinkRepository links, TenantTransactions transactions) {
		return new PendingApprovals(registrations, profiles, links, transactions);
	}

	@Bean
	AcceptanceProofs acceptanceProofs(AcceptanceProofRepository proofs, TenantTransactions transactions) {
		return new AcceptanceProofs(proofs, transactions);
	}

	@Bean
	ServiceKeyRecords serviceKeyRecords(ServiceKeyEntryRepository keys, ServiceKeyLinkRepository links,
			TenantTransactions transactions) {
		return new ServiceKeyRecords(keys, links, transactions);
	}

	@Bean
	CitizenHoldings citizenHoldings(CitizenProfileRepository profiles, AcceptanceProofRepository proofs,
			ServiceKeyLinkRepository links, ServiceKeyEntryRepository keys, RegistrationRowRepository registrations) {
		return new CitizenHoldings(profiles, proofs, links, keys, registrations);
	}

	@Bean
	RegistrationService registrationService(CitizenAccounts accounts, CitizenRecords records,
			Registrations registrations, DataSource dataSource, ActivationPolicy activation,
			TenantTransactions transactions, Clock clock, RegistrationProperties properties) {
		return new KeycloakRegistrationService(accounts, records, registrations, activation, transactions, clock,
				withinPool(properties, dataSource));
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
