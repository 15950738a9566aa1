package fr.espacecommun.accountimport;

import java.util.function.Supplier;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantDefinition;

import org.springframework.transaction.support.TransactionTemplate;

/** Runs work for a tenant in one transaction, from a request or the worker's thread. */
class TenantWork {

	private final TransactionTemplate transaction;

	TenantWork(TransactionTemplate transaction) {
		this.transaction = transaction;
	}

	<T> T inTransaction(TenantDefinition tenant, Supplier<T> work) {
		try {
			return TenantContext.callAs(tenant.id(), () -> this.transaction.execute((status) -> work.get()));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
