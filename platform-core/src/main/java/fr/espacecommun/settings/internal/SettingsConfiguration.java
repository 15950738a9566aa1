package fr.espacecommun.settings.internal;

import java.time.Clock;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantOverlay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

	@Bean
	SettingVersions settingVersions(SettingVersionRepository rows, TenantTransactions transactions) {
		return new SettingVersions(rows, transactions);
	}

	/** Read by the catalogue at each reload, the first one included. */
	@Bean
	TenantOverlay settingsOverlay(SettingVersions versions) {
		return new SettingsOverlay(versions);
	}

	@Bean
	TenantSettings tenantSettings(SettingVersions versions, FileTenantCatalog catalog, AuditLog audit,
			TenantTransactions transactions, Clock clock) {
		return new TenantSettings(versions, catalog, audit, transactions, clock);
	}

}
