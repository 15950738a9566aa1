package fr.espacecommun.servicekey.internal;

import java.time.Clock;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.registration.ServiceKeyRecords;
import fr.espacecommun.tenancy.TenantTransactions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the service key registry. */
@Configuration(proxyBeanMethods = false)
public class ServiceKeyConfiguration {

	@Bean
	ServiceKeyRegistry serviceKeyRegistry(ServiceKeyRecords records, TenantTransactions transactions, AuditLog audit,
			Clock clock) {
		return new ServiceKeyRegistry(records, transactions, audit, clock);
	}

}
