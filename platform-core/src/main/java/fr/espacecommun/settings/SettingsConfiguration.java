package fr.espacecommun.settings;

import java.time.Clock;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantOverlay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

	@Bean
	SettingVersions settingVersions(JdbcClient jdbc) {
		return new SettingVersions(jdbc);
	}

	/** Read by the catalogue at each reload, the first one included. */
	@Bean
	TenantOverlay settingsOverlay(SettingVersions versions) {
		return new SettingsOverlay(versions);
	}

	@Bean
	TenantSettings tenantSettings(SettingVersions versions, FileTenantCatalog catalog, AuditLog audit,
			PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
		return new TenantSettings(versions, catalog, audit, new TransactionTemplate(transactionManager),
				clock.getIfUnique(Clock::systemUTC));
	}

}
