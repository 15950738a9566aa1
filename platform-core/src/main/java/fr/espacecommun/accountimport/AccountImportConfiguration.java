package fr.espacecommun.accountimport;

import java.time.Clock;

import javax.sql.DataSource;

import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.tenancy.TenantTransactions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the staff's account imports and their background worker. */
@Configuration(proxyBeanMethods = false)
public class AccountImportConfiguration {

	@Bean
	ImportWorker accountImportWorker(PreProvisioning preProvisioning, CitizenAccounts accounts, DataSource dataSource,
			AuditLog audit, PlatformTransactionManager transactionManager, Clock clock) {
		return new ImportWorker(preProvisioning, accounts, new ImportStore(dataSource),
				new TenantTransactions(transactionManager), audit, clock);
	}

	@Bean
	AccountImports accountImports(DataSource dataSource, CitizenAccounts accounts, ImportWorker worker, AuditLog audit,
			PlatformTransactionManager transactionManager, Clock clock) {
		return new AccountImports(new ImportStore(dataSource), accounts, worker,
				new TenantTransactions(transactionManager), audit, clock);
	}

}
