package fr.espacecommun.activation;

import java.time.Clock;

import javax.sql.DataSource;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.PendingApprovals;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantCatalog;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the staff's activation queue and its daily digest. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(DigestProperties.class)
class ApprovalConfiguration {

	private final Clock clock;

	private final TenantTransactions transactions;

	ApprovalConfiguration(ObjectProvider<Clock> clock, PlatformTransactionManager transactionManager) {
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.transactions = new TenantTransactions(transactionManager);
	}

	@Bean
	ApprovalQueue approvalQueue(DataSource dataSource, CitizenAccounts accounts, ActivationMails mails,
			AuditLog audit) {
		return new ApprovalQueue(new PendingApprovals(dataSource), accounts, mails, audit, this.transactions,
				this.clock);
	}

	@Bean
	ApprovalDigest approvalDigest(TenantCatalog catalog, TenantRegistry registry, ApprovalQueue queue,
			KeycloakClusters clusters, ActivationMails mails, AuditLog audit, DataSource dataSource,
			DigestProperties properties) {
		return new ApprovalDigest(catalog, registry, queue, new StaffDirectory(clusters), mails, audit,
				this.transactions, new DefaultLockingTaskExecutor(lockProvider(dataSource)), properties, this.clock);
	}

	/**
	 * ShedLock's locks in {@code platform.shedlock}, timed by the database's clock so
	 * that instances whose clocks drift still agree on who holds a lock.
	 */
	static LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("platform.shedlock")
			.usingDbTime()
			.build());
	}

}
