package fr.espacecommun.tenancy;

import java.util.function.Supplier;

import fr.espacecommun.tenant.TenantDefinition;

import org.springframework.transaction.support.TransactionTemplate;

/** Runs work for a tenant in one transaction, from a request or a background task. */
public class TenantTransactions {

	private final TransactionTemplate transaction;

	public TenantTransactions(TransactionTemplate transaction) {
		this.transaction = transaction;
	}

	/**
	 * Runs the work in one transaction on the tenant's schema.
	 * @param <T> the result type
	 * @param tenant the tenant
	 * @param work the work
	 * @return the work's result
	 */
	public <T> T run(TenantDefinition tenant, Supplier<T> work) {
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
