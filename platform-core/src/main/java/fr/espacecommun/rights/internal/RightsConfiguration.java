package fr.espacecommun.rights.internal;

import java.time.Clock;

import fr.espacecommun.accountimport.ImportHoldings;
import fr.espacecommun.activation.ActivationHoldings;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.CitizenHoldings;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.wizard.CitizenDrafts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires citizens' data rights: Keycloak, each feature's citizen rows, the audit log. */
@Configuration(proxyBeanMethods = false)
class RightsConfiguration {

	@Bean
	CitizenRights citizenRights(KeycloakClusters clusters, CitizenHoldings registration, ActivationHoldings activation,
			ImportHoldings imports, CitizenDrafts drafts, AuditLog auditLog, TenantTransactions transactions,
			Clock clock) {
		CitizenData data = new CitizenData(CitizenTables.sources(registration, activation, imports, drafts, auditLog),
				registration);
		return new CitizenRights(new CitizenDirectory(clusters), data, auditLog, transactions, clock);
	}

}
