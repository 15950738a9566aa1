package fr.espacecommun.rights;

import java.time.Clock;

import javax.sql.DataSource;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.identity.KeycloakClusters;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires citizens' data rights: Keycloak, the tenant's tables, the audit log. */
@Configuration(proxyBeanMethods = false)
class RightsConfiguration {

	@Bean
	CitizenRights citizenRights(KeycloakClusters clusters, DataSource dataSource, AuditLog auditLog,
			PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
		return new CitizenRights(clusters, new CitizenData(dataSource), auditLog,
				new TransactionTemplate(transactionManager), clock.getIfUnique(Clock::systemUTC));
	}

}
