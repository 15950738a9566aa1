package fr.espacecommun.accountimport.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import fr.espacecommun.accountimport.internal.ImportStore.PendingRow;
import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.activation.PreProvisioning.PreProvisionedAccount;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.csv.Reason;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.RegistrationService.EmailTakenException;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Creates a confirmed import's lines one by one on a small pool of its own (Keycloak
 * creates about 12 accounts a second), each through the activation feature's
 * pre-provisioning: generated username and password, service keys, activation mail. Every
 * line's outcome is stored as soon as it is known, so the progress page reads it and a
 * stopped instance leaves a state another can resume from.
 */
class ImportWorker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ImportWorker.class);

	private final PreProvisioning preProvisioning;

	private final CitizenAccounts accounts;

	private final ImportStore store;

	private final TenantTransactions transactions;

	private final AuditLog audit;

	private final Clock clock;

	private final ThreadPoolTaskExecutor executor;

	ImportWorker(PreProvisioning preProvisioning, CitizenAccounts accounts, ImportStore store,
			TenantTransactions transactions, AuditLog audit, Clock clock) {
		this.preProvisioning = preProvisioning;
		this.accounts = accounts;
		this.store = store;
		this.transactions = transactions;
		this.audit = audit;
		this.clock = clock;
		// not a bean: an Executor bean would replace Boot's applicationTaskExecutor
		this.executor = new ThreadPoolTaskExecutor();
		this.executor.setCorePoolSize(2);
		this.executor.setMaxPoolSize(2);
		this.executor.setThreadNamePrefix("account-import-");
		this.executor.setWaitForTasksToCompleteOnShutdown(false);
		this.executor.initialize();
	}

	void start(TenantDefinition tenant, UUID id) {
		this.executor.execute(() -> TenantContext.runAs(tenant.id(), () -> run(tenant, id)));
	}

	private void run(TenantDefinition tenant, UUID id) {
		try {
			for (Optional<PendingRow> next = next(tenant, id); next.isPresent(); next = next(tenant, id)) {
				if (Thread.currentThread().isInterrupted()) {
					logger.info("Account import {} interrupted; another instance will resume it", id);
					return;
				}
				create(tenant, id, next.get());
			}
			this.transactions.execute(tenant, () -> {
				if (this.store.finish(id, this.clock.instant())) {
					ImportSummary summary = this.store.find(id).orElseThrow();
					String actor = (summary.confirmedBy() != null) ? summary.confirmedBy() : AuditLog.SYSTEM;
					this.audit.record(actor, "accounts.imported", summary.fileName(), null, summary.auditCounts());
					logger.info("Account import {} done: {}", id, summary.counts());
				}
			});
		}
		catch (RuntimeException ex) {
			// the import stays RUNNING; its page takes it over once the silence limit
			// passed
			logger.error("Account import {} stopped", id, ex);
		}
	}

	private Optional<PendingRow> next(TenantDefinition tenant, UUID id) {
		return this.transactions.read(tenant, () -> this.store.nextPending(id));
	}

	private void create(TenantDefinition tenant, UUID id, PendingRow row) {
		RowStatus status;
		String userId = null;
		String username = null;
		List<Reason> reasons = List.of();
		try {
			PreProvisionedAccount account = this.preProvisioning.create(tenant, row.lastName(), row.firstNames(),
					row.email(), row.serviceKeys());
			status = RowStatus.CREATED;
			userId = account.userId();
			username = account.username();
		}
		catch (EmailTakenException ex) {
			status = RowStatus.EXISTING;
			userId = existing(tenant, row.email());
		}
		catch (IdentityUnavailableException ex) {
			logger.warn("Account import {} line {}: Keycloak unavailable", id, row.line(), ex);
			status = RowStatus.FAILED;
			reasons = List.of(Reason.of("import.error.identityUnavailable"));
		}
		catch (RuntimeException ex) {
			logger.warn("Account import {} line {}: creation failed", id, row.line(), ex);
			status = RowStatus.FAILED;
			reasons = List.of(Reason.of("import.error.creationFailed"));
		}
		RowStatus outcome = status;
		String createdId = userId;
		String createdUsername = username;
		List<Reason> why = reasons;
		this.transactions.execute(tenant, () -> this.store.rowDone(id, row.line(), outcome, createdId, createdUsername,
				why, this.clock.instant()));
	}

	// the account that got the e-mail in the meantime, so the citizen's data rights reach
	// the row; unknown if Keycloak cannot say
	private @Nullable String existing(TenantDefinition tenant, String email) {
		try {
			return this.accounts.findByEmail(tenant, email).map(UserRepresentation::getId).orElse(null);
		}
		catch (IdentityUnavailableException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.executor.shutdown();
	}

}
