package fr.espacecommun.accountimport.internal;

import java.time.Clock;

import fr.espacecommun.accountimport.ImportHoldings;
import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.tenancy.TenantTransactions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the staff's account imports and their background worker. */
@Configuration(proxyBeanMethods = false)
public class AccountImportConfiguration {

	@Bean
	ImportStore accountImportStore(AccountImportRepository imports, AccountImportRowRepository rows) {
		return new ImportStore(imports, rows);
	}

	@Bean
	ImportWorker accountImportWorker(PreProvisioning preProvisioning, CitizenAccounts accounts, ImportStore store,
			AuditLog audit, TenantTransactions transactions, Clock clock) {
		return new ImportWorker(preProvisioning, accounts, store, transactions, audit, clock);
	}

	@Bean
	AccountImports accountImports(ImportStore store, CitizenAccounts accounts, ImportWorker worker, AuditLog audit,
			TenantTransactions transactions, Clock clock) {
		return new AccountImports(store, new ImportPreview(accounts), worker, transactions, audit, clock);
	}

	@Bean
	ImportHoldings importHoldings(AccountImportRowRepository rows) {
		return new ImportHoldings(rows);
	}

}
