package fr.espacecommun.activation;

import java.util.function.Supplier;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantDefinition;

import org.springframework.transaction.support.TransactionTemplate;

/** Runs work for a tenant in one transaction, from a request or a background task. */
class TenantTransactions {

	private final TransactionTemplate transaction;

	TenantTransactions(TransactionTemplate transaction) {
		this.transaction = transaction;
	}

	<T> T run(TenantDefinition tenant, Supplier<T> work) {
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
