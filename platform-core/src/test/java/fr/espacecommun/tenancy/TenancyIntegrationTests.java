package fr.espacecommun.tenancy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import fr.espacecommun.PlatformTestApplication;
import fr.espacecommun.audit.internal.AuditEntry;
import fr.espacecommun.audit.internal.AuditEntryRepository;
import fr.espacecommun.testsupport.SharedPostgres;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = PlatformTestApplication.class,
		properties = { "spring.jpa.open-in-view=false", "spring.datasource.hikari.maximum-pool-size=4",
				"spring.datasource.hikari.data-source-properties.ApplicationName=tenancy-tests" })
class TenancyIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		SharedPostgres.registerDataSource(registry);
	}

	@Autowired
	private TenantSchemaMigrator migrator;

	@Autowired
	private AuditEntryRepository auditEntries;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@AfterEach
	void clearTenant() {
		TenantContext.clear();
	}

	@Test
	void platformSchemaWhenStartedThenMigrated() {
		assertThat(tables("platform")).contains("tenant", "databasechangelog", "databasechangeloglock");
	}

	@Test
	void twoTenantsWhenMigratedThenEachSchemaHasTheTenantTables() {
		String first = TestTenants.freshId("town");
		String second = TestTenants.freshId("town");
		assertThat(schemas()).doesNotContain("t_" + first, "t_" + second);

		long started = System.nanoTime();
		this.migrator.migrate(TestTenants.definition(first));
		long firstMillis = (System.nanoTime() - started) / 1_000_000;
		started = System.nanoTime();
		this.migrator.migrate(TestTenants.definition(second));
		long secondMillis = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("Tenant schema migration: %d ms (first in this JVM may include warm-up), %d ms%n",
				firstMillis, secondMillis);

		for (String tenant : List.of(first, second)) {
			assertThat(tables("t_" + tenant)).contains("citizen_profile", "audit_entry", "wizard_draft",
					"databasechangelog", "databasechangeloglock");
		}
	}

	@Test
	void tenantWhenMigratedTwiceThenSecondRunChangesNothing() {
		String tenant = TestTenants.freshId("twice");
		this.migrator.migrate(TestTenants.definition(tenant));
		List<String> applied = changeLogRows("t_" + tenant);

		long started = System.nanoTime();
		this.migrator.migrate(TestTenants.definition(tenant));
		System.out.printf("Tenant schema migration when up to date: %d ms%n",
				(System.nanoTime() - started) / 1_000_000);

		// features append their own change sets to the tenant changelog
		assertThat(appliedChangeSets("t_" + tenant)).startsWith("0001-citizen-profile", "0002-audit-entry");
		assertThat(changeLogRows("t_" + tenant)).isEqualTo(applied);
	}

	@Test
	void tenantSchemaWhenEveryChangeSetRanThenUpToDateAndWhenOneMissingThenLiquibaseRunsItAgain() throws Exception {
		String tenant = TestTenants.freshId("uptodate");
		assertThat(this.migrator.isUpToDate("t_" + tenant)).isFalse();
		this.migrator.migrate(TestTenants.definition(tenant));
		assertThat(this.migrator.isUpToDate("t_" + tenant)).isTrue();

		// a change set this build brings and the schema never ran: the table of the
		// last one dropped with its row, as if the schema predated it
		String last = appliedChangeSets("t_" + tenant).get(appliedChangeSets("t_" + tenant).size() - 1);
		try (java.sql.Connection connection = this.dataSource.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM t_" + tenant + ".databasechangelog WHERE id = '" + last + "'");
		}
		assertThat(this.migrator.isUpToDate("t_" + tenant)).isFalse();
	}

	@Test
	void tenantsWhenMigratedConcurrentlyThenAllMigrated() throws Exception {
		List<String> tenants = List.of(TestTenants.freshId("conc"), TestTenants.freshId("conc"),
				TestTenants.freshId("conc"));
		ExecutorService executor = Executors.newFixedThreadPool(tenants.size() * 2);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (String tenant : tenants) {
				// the same tenant twice, too: a second instance onboarding it at the same
				// time
				runs.add(executor.submit(() -> this.migrator.migrate(tenant)));
				runs.add(executor.submit(() -> this.migrator.migrate(tenant)));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			executor.shutdown();
		}
		for (String tenant : tenants) {
			// features append their own change sets to the tenant changelog
			assertThat(appliedChangeSets("t_" + tenant)).startsWith("0001-citizen-profile", "0002-audit-entry");
		}
	}

	@Test
	void schemaWhenChangeSetFailsThenLockReleasedAndSchemaMigratableAgain() {
		String tenant = TestTenants.freshId("broken");

		assertThatThrownBy(() -> this.migrator.migrateSchema("t_" + tenant, "classpath:db/changelog/test/broken.yaml"))
			.isInstanceOf(TenantSchemaMigrator.SchemaMigrationException.class)
			.hasMessageContaining("t_" + tenant);

		Integer advisoryLocks = JdbcClient.create(this.dataSource)
			.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
			.query(Integer.class)
			.single();
		assertThat(advisoryLocks).isZero();
		this.migrator.migrate(tenant);
		// features append their own change sets to the tenant changelog
		assertThat(appliedChangeSets("t_" + tenant)).startsWith("0001-citizen-profile", "0002-audit-entry");
	}

	@Test
	void tenantBWhenRowWrittenForTenantAThenInvisible() {
		this.migrator.migrate("alpha");
		this.migrator.migrate("beta");
		String actor = UUID.randomUUID().toString();

		TenantContext.runAs("alpha", () -> this.auditEntries
			.save(new AuditEntry(Instant.now(), actor, "registration.submitted", "written for alpha")));

		TenantContext.runAs("beta", () -> {
			assertThat(this.auditEntries.findByActorOrderByAtAsc(actor)).isEmpty();
			assertThat(this.auditEntries.findAll()).extracting(AuditEntry::getActor).doesNotContain(actor);
		});
		TenantContext.runAs("alpha",
				() -> assertThat(this.auditEntries.findByActorOrderByAtAsc(actor)).extracting(AuditEntry::getDetail)
					.containsExactly("written for alpha"));
		assertThat(countRows("t_alpha", actor)).isOne();
		assertThat(countRows("t_beta", actor)).isZero();
	}

	@Test
	void tenantBWorkWhenInsideTenantATransactionThenRefusedAndNothingWrittenInA() {
		this.migrator.migrate("alpha");
		this.migrator.migrate("beta");
		String actor = UUID.randomUUID().toString();

		// Hibernate chose alpha's schema when alpha's transaction opened: beta's work
		// joining
		// it would land in t_alpha, so it is refused, and alpha's transaction rolls back
		assertThatThrownBy(() -> this.transactions.execute("alpha", () -> {
			this.auditEntries.save(new AuditEntry(Instant.now(), actor, "alpha.work", null));
			this.transactions.execute("beta",
					() -> this.auditEntries.save(new AuditEntry(Instant.now(), actor, "beta.work", null)));
		})).isInstanceOf(TenantTransactions.CrossTenantTransactionException.class).hasMessageContaining("'beta'");
		assertThat(countRows("t_alpha", actor)).isZero();
		assertThat(countRows("t_beta", actor)).isZero();

		// in a transaction of its own, beta's work reaches beta's schema
		this.transactions.execute("alpha", () -> {
			this.auditEntries.save(new AuditEntry(Instant.now(), actor, "alpha.work", null));
			this.transactions.runSeparately("beta",
					() -> this.auditEntries.save(new AuditEntry(Instant.now(), actor, "beta.work", null)));
		});
		assertThat(countRows("t_alpha", actor)).isOne();
		assertThat(countRows("t_beta", actor)).isOne();
		assertThat(TenantContext.getTenantId()).as("the tenant is restored").isEmpty();
	}

	@Test
	void tenantRepositoryWhenNoTenantSetThenFailsOnPlatformSchema() {
		assertThat(TenantContext.getTenantId()).isEmpty();

		// without a tenant, Hibernate works in schema platform, which has no tenant table
		assertThatThrownBy(() -> this.auditEntries.findAll())
			.isInstanceOf(InvalidDataAccessResourceUsageException.class)
			.hasMessageContaining("audit_entry");
		assertThatThrownBy(() -> this.auditEntries.save(new AuditEntry(Instant.now(), "x", "y", null)))
			.isInstanceOf(InvalidDataAccessResourceUsageException.class)
			.hasMessageContaining("audit_entry");
		assertThat(tables("platform")).doesNotContain("audit_entry");
	}

	@Test
	void dataSourceWhenManyTenantsUsedThenOnePoolServesThemAll() throws Exception {
		assertThat(this.context.getBeansOfType(DataSource.class)).hasSize(1);
		assertThat(this.dataSource).isInstanceOf(HikariDataSource.class);
		HikariDataSource pool = (HikariDataSource) this.dataSource;
		MultiTenantConnectionProvider<?> hibernateConnections = this.entityManagerFactory
			.unwrap(SessionFactoryImplementor.class)
			.getServiceRegistry()
			.requireService(MultiTenantConnectionProvider.class);
		assertThat(hibernateConnections.unwrap(DataSource.class)).isSameAs(this.dataSource);

		List<String> tenants = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String tenant = TestTenants.freshId("pool");
			this.migrator.migrate(tenant);
			tenants.add(tenant);
		}
		ExecutorService executor = Executors.newFixedThreadPool(tenants.size());
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (String tenant : tenants) {
				runs.add(executor.submit(() -> TenantContext.runAs(tenant,
						() -> this.auditEntries.save(new AuditEntry(Instant.now(), tenant, "pool.test", null)))));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			executor.shutdown();
		}
		for (String tenant : tenants) {
			assertThat(countRows("t_" + tenant, tenant)).isOne();
		}

		assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(4);
		Integer serverConnections = JdbcClient.create(this.dataSource)
			.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tenancy-tests'")
			.query(Integer.class)
			.single();
		assertThat(serverConnections).isLessThanOrEqualTo(4);
	}

	@Test
	void pooledConnectionWhenReturnedAfterTenantWorkThenBackOnPlatformSchema() throws Exception {
		this.migrator.migrate("alpha");
		TenantContext.runAs("alpha", () -> this.auditEntries.findAll());
		this.migrator.migrate("beta");

		HikariDataSource pool = (HikariDataSource) this.dataSource;
		List<java.sql.Connection> borrowed = new ArrayList<>();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				borrowed.add(pool.getConnection());
			}
			for (java.sql.Connection connection : borrowed) {
				try (var statement = connection.createStatement();
						var result = statement.executeQuery("SELECT current_schema()")) {
					result.next();
					assertThat(result.getString(1)).isEqualTo("platform");
				}
			}
		}
		finally {
			for (java.sql.Connection connection : borrowed) {
				connection.close();
			}
		}
	}

	@Test
	void registryWhenUpsertedTwiceThenUpdatedAndProvisioningDateKept() {
		String tenant = TestTenants.freshId("reg");
		TenantRegistration pending = TenantRegistration.of(TestTenants.definition(tenant), TenantStatus.PENDING,
				"hash-1");

		TenantRegistration stored = this.registry.upsert(pending);
		assertThat(stored.status()).isEqualTo(TenantStatus.PENDING);
		assertThat(stored.hosts()).containsExactly(tenant + ".localhost");
		assertThat(stored.updatedAt()).isNotNull();

		Instant provisioned = Instant.parse("2026-01-05T10:15:30Z");
		this.registry.upsert(new TenantRegistration(tenant, "Ville de " + tenant,
				List.of(tenant + ".localhost", "www." + tenant + ".fr"), "default", TenantStatus.SERVING, "hash-2",
				null, provisioned, null));
		TenantRegistration refused = this.registry
			.upsert(new TenantRegistration(tenant, "Ville de " + tenant, List.of(tenant + ".localhost"), "default",
					TenantStatus.REFUSED, "hash-3", "fields.email: unknown rule", null, null));

		assertThat(this.registry.find(tenant)).hasValueSatisfying((row) -> {
			assertThat(row.status()).isEqualTo(TenantStatus.REFUSED);
			assertThat(row.configHash()).isEqualTo("hash-3");
			assertThat(row.lastError()).isEqualTo("fields.email: unknown rule");
			assertThat(row.provisionedAt()).isEqualTo(provisioned);
			assertThat(row.hosts()).containsExactly(tenant + ".localhost");
		});
		assertThat(refused.updatedAt()).isAfterOrEqualTo(stored.updatedAt());
		assertThat(this.registry.findAll()).extracting(TenantRegistration::id).contains(tenant);
		// the registry works whatever the thread's tenant
		TenantContext.runAs("alpha", () -> assertThat(this.registry.find(tenant)).map(TenantRegistration::status)
			.hasValue(TenantStatus.REFUSED));
	}

	@Test
	void registryWhenSuspendedThenNeitherOnboardingNorARefusedFileLiftsItOnlyChangeStatusDoes() {
		String tenant = TestTenants.freshId("susp");
		this.registry.upsert(TenantRegistration.of(TestTenants.definition(tenant), TenantStatus.SERVING, "hash-1"));
		assertThat(this.registry.changeStatus(tenant, TenantStatus.SUSPENDED)).isTrue();

		this.registry.upsert(TenantRegistration.of(TestTenants.definition(tenant), TenantStatus.PENDING, "hash-2"));
		this.registry.upsert(TenantRegistration.of(TestTenants.definition(tenant), TenantStatus.SERVING, "hash-2"));
		this.registry.refuse(tenant, tenant + ".yaml:3:5: [schema.type] broken");
		assertThat(this.registry.status(tenant)).hasValue(TenantStatus.SUSPENDED);
		assertThat(this.registry.find(tenant).orElseThrow().configHash()).isEqualTo("hash-2");

		this.registry.changeStatus(tenant, TenantStatus.SERVING);
		assertThat(this.registry.status(tenant)).hasValue(TenantStatus.SERVING);
	}

	@Test
	void registryWhenNewTenantFileRefusedThenRefusedRowWithItsErrorUntilAGoodFileIsOnboarded() {
		String tenant = TestTenants.freshId("refu");
		String error = tenant + ".yaml:12:14: [password.min-length] minLength 4 is below 8";

		assertThat(this.registry.refuse(tenant, error)).isTrue();
		// the same refusal read again changes nothing
		assertThat(this.registry.refuse(tenant, error)).isFalse();
		TenantRegistration refused = this.registry.find(tenant).orElseThrow();
		assertThat(refused.status()).isEqualTo(TenantStatus.REFUSED);
		assertThat(refused.lastError()).isEqualTo(error);
		assertThat(refused.hosts()).isEmpty();

		this.registry.upsert(TenantRegistration.of(TestTenants.definition(tenant), TenantStatus.SERVING, "hash"));
		TenantRegistration serving = this.registry.find(tenant).orElseThrow();
		assertThat(serving.status()).isEqualTo(TenantStatus.SERVING);
		assertThat(serving.lastError()).isNull();
		assertThat(serving.hosts()).containsExactly(tenant + ".localhost");
	}

	@Test
	void registryWhenEditRefusedThenPendingErrorBesideServingUntilTheFileIsGoodAgain() {
		String tenant = TestTenants.freshId("pend");
		String other = TestTenants.freshId("pend");
		this.registry.upsert(TenantRegistration.of(TestTenants.definition(tenant), TenantStatus.SERVING, "hash"));
		this.registry.upsert(TenantRegistration.of(TestTenants.definition(other), TenantStatus.SERVING, "hash"));
		String error = tenant + ".yaml:40:16: [password.min-length] minLength 4 is below 8";

		assertThat(this.registry.recordPendingError(tenant, error)).isTrue();
		this.registry.recordPendingError(other, other + ".yaml:1:1: [yaml.syntax] broken");
		this.registry.recordPlan(tenant, "host.add\t" + tenant + ".localhost");
		TenantRegistration row = this.registry.find(tenant).orElseThrow();
		assertThat(row.status()).isEqualTo(TenantStatus.SERVING);
		assertThat(row.pendingError()).isEqualTo(error);
		assertThat(row.lastPlan()).isEqualTo("host.add\t" + tenant + ".localhost");
		assertThat(row.lastPlanAt()).isNotNull();

		// the other's file is still refused, this one's is good again
		this.registry.clearPendingErrorsExcept(List.of(other));
		assertThat(this.registry.find(tenant).orElseThrow().pendingError()).isNull();
		assertThat(this.registry.find(other).orElseThrow().pendingError()).isNotNull();
		// re-onboarding keeps the last plan
		this.registry.upsert(TenantRegistration.of(TestTenants.definition(tenant), TenantStatus.SERVING, "hash"));
		assertThat(this.registry.find(tenant).orElseThrow().lastPlan()).contains(tenant + ".localhost");
		this.registry.clearPendingErrorsExcept(List.of());
		assertThat(this.registry.find(other).orElseThrow().pendingError()).isNull();
	}

	private List<String> tables(String schema) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ?")
			.param(schema)
			.query(String.class)
			.list();
	}

	private List<String> schemas() {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT schema_name FROM information_schema.schemata")
			.query(String.class)
			.list();
	}

	private List<String> appliedChangeSets(String schema) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT id FROM " + schema + ".databasechangelog ORDER BY orderexecuted")
			.query(String.class)
			.list();
	}

	/** Change sets with when they ran: a second run would add rows or change dates. */
	private List<String> changeLogRows(String schema) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT id || ' ' || dateexecuted || ' ' || md5sum FROM " + schema
					+ ".databasechangelog ORDER BY orderexecuted")
			.query(String.class)
			.list();
	}

	private int countRows(String schema, String actor) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT count(*) FROM " + schema + ".audit_entry WHERE actor = ?")
			.param(actor)
			.query(Integer.class)
			.single();
	}

}
