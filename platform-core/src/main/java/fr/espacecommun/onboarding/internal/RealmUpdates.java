package fr.espacecommun.onboarding.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import fr.espacecommun.outbox.TenantEvent;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A changed tenant (a file edited, a setting its staff published) owes its realm an
 * update: the debt is recorded in the durable outbox first, then paid at once, in the
 * thread that noticed the change, so a published setting is in the realm before the page
 * answers. If Keycloak is down, the publication stays failed and the outbox retries it
 * until Keycloak is back; each attempt provisions the tenant's definition of that moment,
 * so a later change never loses to an older one.
 */
@Component
class RealmUpdates {

	private static final Logger logger = LoggerFactory.getLogger(RealmUpdates.class);

	private final TenantCatalog catalog;

	private final ObjectProvider<TenantOnboarding> onboarding;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final TransactionTemplate outsideTransaction;

	/** The definition served before each pending update: only for its plan's log. */
	private final Map<UUID, TenantDefinition> previous = new ConcurrentHashMap<>();

	RealmUpdates(TenantCatalog catalog, ObjectProvider<TenantOnboarding> onboarding, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager) {
		this.catalog = catalog;
		this.onboarding = onboarding;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
		this.outsideTransaction = new TransactionTemplate(transactionManager);
		this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * Records that the tenant's realm must follow its new definition, then applies it.
	 */
	public void request(@Nullable TenantDefinition before, TenantDefinition current) {
		UUID id = UUID.randomUUID();
		if (before != null) {
			this.previous.put(id, before);
		}
		// no TenantContext: a new tenant's schema may not exist yet; onboarding sets it
		this.transaction
			.executeWithoutResult((status) -> this.events.publishEvent(new RealmUpdateRequested(id, current.id())));
	}

	/**
	 * Provisions the tenant's current definition; an exception leaves the publication
	 * failed, to be retried by the outbox.
	 */
	@TransactionalEventListener
	public void apply(RealmUpdateRequested request) {
		TenantDefinition before = this.previous.remove(request.id());
		Optional<TenantDefinition> tenant = this.catalog.byId(request.tenantId());
		if (tenant.isEmpty()) {
			logger.info("Realm update of {} dropped: the tenant is no longer declared", request.tenantId());
			return;
		}
		// after the commit, the finished transaction's connection is still bound to the
		// thread: writes through it (the registry's SERVING, or PENDING with the error)
		// would never be committed. Suspended, each write commits on its own, as when
		// onboarding ran before the outbox existed.
		this.outsideTransaction
			.executeWithoutResult((status) -> this.onboarding.getObject().onboard(before, tenant.get()));
	}

	/**
	 * A tenant's realm must follow the tenant's definition.
	 *
	 * @param id the request's identity
	 * @param tenantId the tenant
	 */
	public record RealmUpdateRequested(UUID id, String tenantId) implements TenantEvent {
	}

}
