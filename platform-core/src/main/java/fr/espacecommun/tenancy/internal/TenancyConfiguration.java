package fr.espacecommun.tenancy.internal;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantSchemaMigrator;
import fr.espacecommun.tenancy.TenantStatuses;
import fr.espacecommun.tenancy.TenantTransactions;
import liquibase.integration.spring.SpringLiquibase;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.hibernate.cfg.MultiTenancySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Schema-per-tenant wiring: one connection pool for all tenants, Hibernate switching the
 * schema per session from {@link TenantContext}, Liquibase per schema.
 * <p>
 * The platform schema is migrated at start-up by a {@link SpringLiquibase} bean of our
 * own, which makes Boot's single Liquibase run back off (no {@code spring.liquibase.*}
 * setting needed) and still orders the JPA start-up after the migration. Set
 * {@code spring.jpa.open-in-view=false}: tenant data is read inside services, within
 * transactions opened once the tenant is known.
 */
@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TenancyConfiguration.class);

	/**
	 * Every pooled connection rests on schema {@code platform}: plain JDBC users (session
	 * store, event registry) get the shared tables, never a tenant's.
	 */
	@Bean
	static BeanPostProcessor platformSchemaByDefault() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && pool.getSchema() == null) {
					pool.setSchema(TenantSchemas.PLATFORM);
				}
				return bean;
			}

		};
	}

	@Bean
	HibernatePropertiesCustomizer schemaPerTenantHibernateProperties(DataSource dataSource, Environment environment) {
		if (!"false".equals(environment.getProperty("spring.jpa.open-in-view"))) {
			logger.warn("spring.jpa.open-in-view should be false with schema-per-tenant: tenant data belongs in "
					+ "transactions opened once the tenant is known");
		}
		SchemaPerTenantConnectionProvider connections = new SchemaPerTenantConnectionProvider(dataSource);
		TenantIdentifierResolver tenants = new TenantIdentifierResolver();
		return (properties) -> {
			properties.put(MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER, connections);
			properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, tenants);
		};
	}

	@Bean
	TenantSchemaMigrator tenantSchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader) {
		return new TenantSchemaMigrator(dataSource, resourceLoader);
	}

	@Bean
	SpringLiquibase platformSchemaLiquibase(TenantSchemaMigrator migrator, DataSource dataSource) {
		return new PlatformSchemaLiquibase(migrator, dataSource);
	}

	@Bean
	TenantTransactions tenantTransactions(PlatformTransactionManager transactionManager) {
		return new TenantTransactions(transactionManager);
	}

	@Bean
	TenantRegistry tenantRegistry(TenantRowRepository rows, TenantTransactions transactions) {
		return new TenantRegistry(rows, transactions);
	}

	/**
	 * ShedLock's locks, for every job that runs on one instance at a time: table
	 * {@code shedlock} of schema {@code platform} (ShedLock owns its SQL), timed by the
	 * database's clock so that instances whose clocks drift still agree on who holds a
	 * lock.
	 */
	@Bean
	LockProvider platformLockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName(TenantSchemas.PLATFORM + ".shedlock")
			.usingDbTime()
			.build());
	}

	@Bean
	TenantStatuses tenantStatuses(TenantRegistry registry,
			@Value("${espace.tenants.status-cache-ttl:PT2S}") Duration timeToLive) {
		return new TenantStatuses(registry, timeToLive);
	}

	/**
	 * Boot's Liquibase bean type, so Boot detects it as the database initializer; it
	 * delegates to the migrator, which creates the schema first (Liquibase would not).
	 */
	static class PlatformSchemaLiquibase extends SpringLiquibase {

		private final TenantSchemaMigrator migrator;

		PlatformSchemaLiquibase(TenantSchemaMigrator migrator, DataSource dataSource) {
			this.migrator = migrator;
			// described for the actuator's liquibase endpoint
			setDataSource(dataSource);
			setChangeLog(TenantSchemaMigrator.PLATFORM_CHANGELOG);
			setDefaultSchema(TenantSchemas.PLATFORM);
			setLiquibaseSchema(TenantSchemas.PLATFORM);
		}

		@Override
		public void afterPropertiesSet() {
			this.migrator.migratePlatform();
		}

	}

}
