package fr.espacecommun.onboarding.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.ReloadReport;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.TenantOverlay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the tenant files and onboards every commune they declare. */
@Configuration(proxyBeanMethods = false)
class OnboardingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OnboardingConfiguration.class);

	@Bean
	FileTenantCatalog tenantCatalog(@Value("${espace.tenants.dir:tenants}") Path directory,
			@Value("${espace.tenants.settle-time:PT1S}") Duration settleTime, ObjectProvider<TenantOverlay> overlay,
			ObjectProvider<KeycloakProperties> keycloak,
			@Value("${espace.platform.hosts:localhost,127.0.0.1,platform.localhost}") List<String> platformHosts) {
		// an operator's editor or copy writing a served commune's file in several steps
		// is not read between them; a file naming a cluster that is not configured, or
		// the operators' host, is refused before anything is created for it
		FileTenantCatalog catalog = new FileTenantCatalog(directory, settleTime,
				facts(keycloak.getIfAvailable(), platformHosts));
		// the staff's edits are served from the first reload on: never a moment with
		// the file's weaker password policy
		overlay.ifAvailable(catalog::setOverlay);
		ReloadReport report = catalog.reload();
		for (TenantConfigError error : report.errors()) {
			// operators fix files from this line: file:line:column: [rule] message
			logger.error("Tenant file refused: {}", error);
		}
		logger.info("Tenant files in {}: {} tenants served, {} files refused", directory.toAbsolutePath().normalize(),
				catalog.all().size(), report.refused().size());
		return catalog;
	}

	static PlatformFacts facts(KeycloakProperties keycloak, List<String> platformHosts) {
		Set<String> hosts = new HashSet<>(platformHosts);
		Set<String> clusters = new HashSet<>(PlatformFacts.LOCAL.clusters());
		if (keycloak != null) {
			hosts.addAll(keycloak.platform().hosts());
			if (!keycloak.clusters().isEmpty()) {
				clusters = keycloak.clusters().keySet();
			}
		}
		return PlatformFacts.of(clusters, hosts);
	}

}
