package fr.espacecommun.onboarding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import fr.espacecommun.identity.ProvisioningResult;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantSchemaMigrator;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;

/**
 * Brings a commune to serving state: its schema migrated, its realm provisioned, its row
 * in the registry. Every step can be repeated safely, so onboarding a tenant again after
 * a change, a crash or a restart converges on the same state.
 */
@Service
public class TenantOnboarding implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(TenantOnboarding.class);

	private final TenantCatalog catalog;

	private final TenantSchemaMigrator migrator;

	private final RealmProvisioner provisioner;

	private final TenantRegistry registry;

	TenantOnboarding(TenantCatalog catalog, TenantSchemaMigrator migrator, RealmProvisioner provisioner,
			TenantRegistry registry) {
		this.catalog = catalog;
		this.migrator = migrator;
		this.provisioner = provisioner;
		this.registry = registry;
	}

	/**
	 * Onboards every tenant before the web server starts, so no page of a
	 * half-provisioned commune is ever served; later changes to a tenant are onboarded as
	 * they are loaded.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		this.provisioner.provisionPlatformRealm();
		for (TenantDefinition tenant : this.catalog.all()) {
			try {
				onboard(tenant);
			}
			catch (RuntimeException ex) {
				// one commune's Keycloak cluster being down must not keep the others
				// closed;
				// the registry keeps it PENDING with the error
				TenantContext.runAs(tenant.id(), () -> logger.error("Onboarding {} failed", tenant.id(), ex));
			}
		}
		this.catalog.addListener((previous, current) -> onboard(current));
		logger.info("Onboarded {} tenants in {} ms", this.catalog.all().size(), millisSince(start));
	}

	/**
	 * Migrates the tenant's schema, provisions its realm and records it as serving.
	 * @param tenant the tenant
	 * @return how long each part took
	 */
	public OnboardingResult onboard(TenantDefinition tenant) {
		String hash = configHash(tenant);
		TenantContext.runAs(tenant.id(), () -> logger.info("Onboarding {}", tenant.id()));
		this.registry.upsert(TenantRegistration.of(tenant, TenantStatus.PENDING, hash));
		try {
			long start = System.nanoTime();
			this.migrator.migrate(tenant);
			Duration schema = Duration.ofNanos(System.nanoTime() - start);
			ProvisioningResult realm = this.provisioner.provision(tenant);
			this.registry.upsert(TenantRegistration.of(tenant, TenantStatus.SERVING, hash));
			OnboardingResult result = new OnboardingResult(tenant.id(), schema, realm.duration(), realm.changes());
			TenantContext.runAs(tenant.id(), () -> logger.info("Onboarded {}: schema {} ms, realm {} ms ({})",
					tenant.id(), schema.toMillis(), realm.duration().toMillis(),
					realm.created() ? "created" : (realm.modified() ? "updated " + realm.changes() : "unchanged")));
			return result;
		}
		catch (RuntimeException ex) {
			this.registry.upsert(new TenantRegistration(tenant.id(), tenant.name(), tenant.hosts(),
					tenant.keycloak().cluster(), TenantStatus.PENDING, hash, ex.toString(), null, null));
			throw ex;
		}
	}

	/**
	 * Hash of everything the operator declared for the tenant: its file and its CGU text.
	 */
	static String configHash(TenantDefinition tenant) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(Files.readAllBytes(tenant.source()));
			digest.update(tenant.terms().sha256().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Cannot hash " + tenant.source(), ex);
		}
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
