package fr.espacecommun.activation.internal;

import java.time.Clock;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.PendingApprovals;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantCatalog;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the staff's activation queue and its daily digest. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(DigestProperties.class)
class ApprovalConfiguration {

	private final Clock clock;

	private final TenantTransactions transactions;

	ApprovalConfiguration(Clock clock, TenantTransactions transactions) {
		this.clock = clock;
		this.transactions = transactions;
	}

	@Bean
	ApprovalQueue approvalQueue(PendingApprovals approvals, CitizenAccounts accounts, ActivationMails mails,
			AuditLog audit) {
		return new ApprovalQueue(approvals, accounts, mails, audit, this.transactions, this.clock);
	}

	/**
	 * The digest's lock is one of the platform's ShedLock locks ({@code LockProvider}).
	 */
	@Bean
	ApprovalDigest approvalDigest(TenantCatalog catalog, TenantRegistry registry, ApprovalQueue queue,
			KeycloakClusters clusters, ActivationMails mails, AuditLog audit, LockProvider locks,
			DigestProperties properties) {
		return new ApprovalDigest(catalog, registry, queue, new StaffDirectory(clusters), mails, audit,
				this.transactions, new DefaultLockingTaskExecutor(locks), properties, this.clock);
	}

}
