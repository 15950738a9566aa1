package fr.espacecommun.audit.internal;

import java.time.Clock;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.tenancy.TenantTransactions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditLog auditLog(AuditEntryRepository entries, TenantTransactions transactions, Clock clock) {
		return new AuditLog(entries, transactions, clock);
	}

}
