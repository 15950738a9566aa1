package fr.espacecommun.terms.internal;

import java.time.Clock;

import fr.espacecommun.registration.AcceptanceProofs;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.FileTenantCatalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the CGU versions of each commune and the proofs of who accepted them; apart from
 * the renderer, which needs nothing.
 */
@Configuration(proxyBeanMethods = false)
class TermsVersionsConfiguration {

	@Bean
	TermsHistory termsHistory(TenantSettings settings, FileTenantCatalog catalog) {
		return new TermsHistory(settings, catalog);
	}

	@Bean
	TermsAcceptances termsAcceptances(AcceptanceProofs proofs, CitizenAccounts accounts, Clock clock) {
		return new TermsAcceptances(proofs, accounts, clock);
	}

}
