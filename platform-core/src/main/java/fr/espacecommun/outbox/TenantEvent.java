package fr.espacecommun.outbox;

/**
 * Follow-up work of one tenant: retried only by an instance that serves that tenant, and
 * run with that tenant's {@code TenantContext}.
 */
public interface TenantEvent {

	/** The tenant the work belongs to. */
	String tenantId();

}
