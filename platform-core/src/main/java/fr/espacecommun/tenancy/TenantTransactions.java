package fr.espacecommun.tenancy;

import java.util.function.Supplier;

import fr.espacecommun.tenant.TenantDefinition;
import org.hibernate.Session;

import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way to work on a tenant's data in a transaction, from a request or a background
 * task: sets the tenant, opens (or joins) a transaction on its schema, restores the
 * previous tenant after.
 * <p>
 * Hibernate picks a session's schema when the session opens, so work for commune B that
 * joined a transaction opened for commune A would read and write A's schema. That is
 * refused here with an exception: tenant B's work must run after A's transaction, or in
 * its own ({@link #runSeparately}).
 */
public class TenantTransactions {

	private final TransactionTemplate required;

	private final TransactionTemplate readOnly;

	private final TransactionTemplate separate;

	public TenantTransactions(PlatformTransactionManager transactionManager) {
		this.required = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.separate = new TransactionTemplate(transactionManager);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Runs the work in one transaction on the tenant's schema, joining one already open
	 * for it.
	 */
	public <T> T run(TenantDefinition tenant, Supplier<T> work) {
		return run(tenant.id(), work);
	}

	/** Runs the work in one transaction on the schema of the tenant with this id. */
	public <T> T run(String tenantId, Supplier<T> work) {
		return in(tenantId, this.required, work);
	}

	/** Runs the work in one transaction on the tenant's schema. */
	public void execute(TenantDefinition tenant, Runnable work) {
		execute(tenant.id(), work);
	}

	/** Runs the work in one transaction on the schema of the tenant with this id. */
	public void execute(String tenantId, Runnable work) {
		in(tenantId, this.required, () -> {
			work.run();
			return null;
		});
	}

	/** Reads in one read-only transaction on the tenant's schema. */
	public <T> T read(TenantDefinition tenant, Supplier<T> work) {
		return in(tenant.id(), this.readOnly, work);
	}

	/** Reads in one read-only transaction on the schema of the tenant with this id. */
	public <T> T read(String tenantId, Supplier<T> work) {
		return in(tenantId, this.readOnly, work);
	}

	/**
	 * Runs the work in a transaction of its own on the tenant's schema, whatever
	 * transaction is open on this thread (which waits for it).
	 */
	public <T> T runSeparately(String tenantId, Supplier<T> work) {
		TenantContext.requireValidId(tenantId);
		return call(tenantId, () -> this.separate.execute((status) -> work.get()));
	}

	/**
	 * Runs work on the platform's shared tables in one transaction, joining any open one,
	 * a tenant's included: their entities name schema {@code platform} in their mapping
	 * and their statements are JPQL, so the session's tenant does not matter.
	 */
	public <T> T onPlatform(Supplier<T> work) {
		return this.required.execute((status) -> work.get());
	}

	private <T> T in(String tenantId, TransactionTemplate template, Supplier<T> work) {
		TenantContext.requireValidId(tenantId);
		String open = openTransactionTenant();
		if (open != null && !open.equals(tenantId)) {
			throw new CrossTenantTransactionException(open, tenantId);
		}
		return call(tenantId, () -> template.execute((status) -> work.get()));
	}

	private static <T> T call(String tenantId, Supplier<T> work) {
		try {
			return TenantContext.callAs(tenantId, work::get);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// a Supplier throws no checked exception
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The tenant identifier of the Hibernate session of the transaction open on this
	 * thread ({@code _platform} for schema {@code platform}), or null without one.
	 */
	static String openTransactionTenant() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
			if (resource instanceof EntityManagerHolder holder && holder.getEntityManager().isOpen()) {
				Object identifier = holder.getEntityManager().unwrap(Session.class).getTenantIdentifierValue();
				return (identifier != null) ? identifier.toString() : null;
			}
		}
		return null;
	}

	/**
	 * Work for one tenant asked to join a transaction open for another (or for the
	 * platform).
	 */
	public static class CrossTenantTransactionException extends IllegalStateException {

		CrossTenantTransactionException(String open, String asked) {
			super("A transaction for '" + open + "' is open on this thread: work for tenant '" + asked
					+ "' would run on its schema; run it after that transaction, or with runSeparately");
		}

	}

}
