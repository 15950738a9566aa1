package fr.espacecommun.local.internal;

import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.onboarding.LocalAccounts;
import fr.espacecommun.tenant.TenantCatalog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of a local run only ({@code espace.local-run=true}, set by the run command). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "espace.local-run", havingValue = "true")
class LocalRunConfiguration {

	@Bean
	LocalRunBanner localRunBanner(TenantCatalog catalog, RealmProvisioner provisioner) {
		return new LocalRunBanner(catalog, new LocalAccounts(catalog, provisioner));
	}

}
