package fr.espacecommun.activation.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.espacecommun.activation.internal.ActivationMails.DigestItem;
import fr.espacecommun.activation.internal.ApprovalQueue.PendingAccount;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ActivationMode;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * The daily mail to each commune's staff listing the accounts awaiting their approval,
 * overdue ones first flagged, for the communes that have some. Every platform instance
 * schedules it; a ShedLock lock in schema {@code platform} lets one of them run it.
 */
public class ApprovalDigest {

	/** The lock's name in {@code platform.shedlock}. */
	static final String LOCK_NAME = "activation-approval-digest";

	private static final Logger logger = LoggerFactory.getLogger(ApprovalDigest.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final TenantCatalog catalog;

	private final TenantRegistry registry;

	private final ApprovalQueue queue;

	private final StaffDirectory staff;

	private final ActivationMails mails;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final LockingTaskExecutor locks;

	private final DigestProperties properties;

	private final Clock clock;

	ApprovalDigest(TenantCatalog catalog, TenantRegistry registry, ApprovalQueue queue, StaffDirectory staff,
			ActivationMails mails, AuditLog audit, TenantTransactions transactions, LockingTaskExecutor locks,
			DigestProperties properties, Clock clock) {
		this.catalog = catalog;
		this.registry = registry;
		this.queue = queue;
		this.staff = staff;
		this.mails = mails;
		this.audit = audit;
		this.transactions = transactions;
		this.locks = locks;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${espace.activation.digest-cron:0 0 8 * * *}",
			zone = "${espace.activation.digest-zone:Europe/Paris}")
	void scheduled() {
		if (!run()) {
			logger.info("Approval digest skipped: another instance ran it");
		}
	}

	/**
	 * Sends the digests, unless another instance holds the lock (it is running them, or
	 * ran them less than {@code digest-lock-at-least-for} ago).
	 * @return whether this instance sent them
	 */
	public boolean run() {
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME,
				this.properties.digestLockAtMostFor(), this.properties.digestLockAtLeastFor());
		try {
			TaskResult<Integer> result = this.locks.executeWithLock(this::sendAll, lock);
			return result.wasExecuted();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One digest per commune with accounts awaiting approval; one commune's failure
	 * spares the others.
	 */
	private int sendAll() {
		int communes = 0;
		for (TenantDefinition tenant : this.catalog.all()) {
			if (tenant.activation().mode() != ActivationMode.MANUAL_APPROVAL || !serving(tenant)) {
				continue;
			}
			try {
				if (send(tenant)) {
					communes++;
				}
			}
			catch (RuntimeException ex) {
				logger.error("Approval digest of tenant {} not sent", tenant.id(), ex);
			}
		}
		logger.info("Approval digest sent to the staff of {} commune(s)", communes);
		return communes;
	}

	private boolean send(TenantDefinition tenant) {
		List<PendingAccount> pending = this.queue.pending(tenant);
		if (pending.isEmpty()) {
			return false;
		}
		List<String> recipients = this.staff.emails(tenant);
		if (recipients.isEmpty()) {
			logger.warn("Tenant {} has {} account(s) awaiting approval and no staff member with an e-mail address",
					tenant.id(), pending.size());
			return false;
		}
		long overdue = pending.stream().filter(PendingAccount::overdue).count();
		List<DigestItem> items = pending.stream().map(DigestItem::of).toList();
		this.transactions.run(tenant, () -> {
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("pending", pending.size());
			after.put("overdue", overdue);
			after.put("recipients", recipients.size());
			this.audit.record(AuditLog.SYSTEM, "account.digest.sent", null, null, json.writeValueAsString(after));
			recipients.forEach((recipient) -> this.mails.digest(tenant, recipient, pending.size(), overdue, items));
			return null;
		});
		logger.info("Approval digest of tenant {}: {} pending, {} overdue, {} recipient(s)", tenant.id(),
				pending.size(), overdue, recipients.size());
		return true;
	}

	private boolean serving(TenantDefinition tenant) {
		return this.registry.find(tenant.id()).map(TenantRegistration::status).orElse(null) == TenantStatus.SERVING;
	}

}
