package fr.espacecommun.onboarding.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.ProvisioningResult;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.onboarding.OnboardingPlan;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantSchemaMigrator;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenancy.TenantStatuses;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Brings a commune to serving state: its schema migrated, its realm provisioned, its row
 * in the registry. Every step can be repeated safely, so onboarding a tenant again after
 * a change, a crash or a restart converges on the same state.
 */
@Service
public class TenantOnboarding implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TenantOnboarding.class);

	private final TenantCatalog catalog;

	private final TenantSchemaMigrator migrator;

	private final RealmProvisioner provisioner;

	private final TenantRegistry registry;

	private final OnboardingPlanner planner;

	private final RealmUpdates realmUpdates;

	private final boolean checkUnchangedAfterStart;

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	private final RealmChecks realmChecks = new RealmChecks();

	private final TenantRefusals refusals;

	private final TenantStatuses statuses;

	private final KeycloakClusters clusters;

	TenantOnboarding(TenantCatalog catalog, TenantSchemaMigrator migrator, RealmProvisioner provisioner,
			TenantRegistry registry, KeycloakClusters clusters, RealmUpdates realmUpdates, TenantStatuses statuses,
			@Value("${espace.onboarding.check-unchanged-realms-after-start:true}") boolean checkUnchangedAfterStart) {
		this.checkUnchangedAfterStart = checkUnchangedAfterStart;
		this.statuses = statuses;
		this.clusters = clusters;
		this.catalog = catalog;
		this.realmUpdates = realmUpdates;
		this.migrator = migrator;
		this.provisioner = provisioner;
		this.registry = registry;
		this.planner = new OnboardingPlanner(clusters, migrator);
		this.refusals = new TenantRefusals(catalog, registry);
	}

	/**
	 * Onboards every tenant before the web server starts, so no page of a
	 * half-provisioned commune is ever served; later changes to a tenant are onboarded as
	 * they are loaded ({@link RealmUpdates}). A commune served before from this very
	 * file, on the same cluster, only has its schema checked before the start; its
	 * realm's check (four Admin API reads, repairing what was changed by hand) follows
	 * once the platform serves: with hundreds of communes, the checks held the start for
	 * minutes.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		this.provisioner.provisionPlatformRealm();
		List<TenantDefinition> unchanged = startUp(this.catalog.all());
		recordRefusals(this.catalog.errors());
		// through the durable outbox: a change noticed while Keycloak is down is applied
		// once it is back
		this.catalog.addListener(this.realmUpdates::request);
		logger.info("Onboarded {} tenants in {} ms ({} unchanged, their realms checked after the start)",
				this.catalog.all().size(), millisSince(start), unchanged.size());
		checkRealms(unchanged, (tenant) -> this.catalog.byId(tenant.id()));
	}

	/**
	 * Onboards the tenants, each cluster's on a thread of its own, except those served
	 * unchanged before, whose schema only is brought up to date.
	 * @return the tenants whose realm is still to be checked
	 */
	List<TenantDefinition> startUp(Collection<TenantDefinition> tenants) {
		List<TenantDefinition> unchanged = new CopyOnWriteArrayList<>();
		PerCluster.runAndWait(tenants, (clusterTenants) -> {
			for (TenantDefinition tenant : clusterTenants) {
				if (this.checkUnchangedAfterStart && servedUnchanged(tenant)) {
					this.migrator.migrate(tenant);
					unchanged.add(tenant);
				}
				else {
					onboardOrOwe(tenant);
				}
			}
		});
		return List.copyOf(unchanged);
	}

	/**
	 * Checks each tenant's realm in the background, each cluster's on a thread of its
	 * own, applying the tenant's definition current at the time of its check.
	 */
	CompletableFuture<Void> checkRealms(List<TenantDefinition> tenants,
			Function<TenantDefinition, Optional<TenantDefinition>> current) {
		return this.realmChecks.start(tenants, current, this::checkOrOwe);
	}

	@Override
	public void destroy() {
		this.realmChecks.stop();
	}

	/** Served before from this very file (and CGU text), on the same cluster. */
	private boolean servedUnchanged(TenantDefinition tenant) {
		TenantRegistration stored = this.registry.find(tenant.id()).orElse(null);
		return stored != null && stored.status() == TenantStatus.SERVING
				&& stored.keycloakCluster().equals(tenant.keycloak().cluster())
				&& stored.configHash().equals(TenantConfigHash.of(tenant));
	}

	private void onboardOrOwe(TenantDefinition tenant) {
		try {
			onboard(tenant);
		}
		catch (RuntimeException ex) {
			// one commune's Keycloak cluster being down must not keep the others
			// closed; the registry keeps it PENDING with the error
			TenantContext.runAs(tenant.id(), () -> logger.error("Onboarding {} failed", tenant.id(), ex));
			// owed to it until done: the outbox retries once its Keycloak is back
			owe(tenant);
		}
	}

	private void checkOrOwe(TenantDefinition tenant) {
		try {
			onboard(null, tenant, false);
		}
		catch (RuntimeException ex) {
			TenantContext.runAs(tenant.id(), () -> logger.error("Realm check of {} failed", tenant.id(), ex));
			owe(tenant);
		}
	}

	private void owe(TenantDefinition tenant) {
		try {
			this.realmUpdates.request(null, tenant);
		}
		catch (RuntimeException ex) {
			logger.error("Onboarding {} not kept for a retry: {}", tenant.id(), ex.toString());
		}
	}

	/**
	 * Migrates the tenant's schema, provisions its realm and records it as serving.
	 * @param tenant the tenant
	 * @return how long each part took
	 */
	public OnboardingResult onboard(TenantDefinition tenant) {
		return onboard(null, tenant);
	}

	/**
	 * Computes the plan of a new or changed definition, logs it, applies it, and records
	 * it in the registry once applied.
	 * @param previous the definition served until now, {@code null} for a new tenant or
	 * at start-up
	 * @param tenant the definition to apply
	 * @return how long each part took
	 */
	OnboardingResult onboard(@Nullable TenantDefinition previous, TenantDefinition tenant) {
		return onboard(previous, tenant, true);
	}

	/**
	 * The same; {@code pendingFirst} false for the check of a tenant already serving this
	 * definition, which stays SERVING unless the check fails. One tenant at a time: a
	 * file changed while its realm is checked waits for the check.
	 */
	private OnboardingResult onboard(@Nullable TenantDefinition previous, TenantDefinition tenant,
			boolean pendingFirst) {
		synchronized (this.locks.computeIfAbsent(tenant.id(), (id) -> new Object())) {
			return onboardAlone(previous, tenant, pendingFirst);
		}
	}

	private OnboardingResult onboardAlone(@Nullable TenantDefinition previous, TenantDefinition tenant,
			boolean pendingFirst) {
		String hash = TenantConfigHash.of(tenant);
		TenantRegistration stored = this.registry.find(tenant.id()).orElse(null);
		if (pendingFirst) {
			this.registry.upsert(TenantRegistration.of(tenant, TenantStatus.PENDING, hash));
		}
		// the cluster the realm was last served from: the registry keeps it until the
		// realm serves from its new cluster
		String servedFrom = servedFrom(stored, previous);
		try {
			OnboardingPlan plan = this.planner.plan(previous, stored, hash, tenant);
			RealmNotMovedException.refuseEmptyRealmOnNewCluster(tenant, servedFrom, plan);
			TenantContext.runAs(tenant.id(),
					() -> logger.info("Onboarding {}, plan: {}", tenant.id(), plan.describe()));
			long start = System.nanoTime();
			this.migrator.migrate(tenant);
			Duration schema = Duration.ofNanos(System.nanoTime() - start);
			ProvisioningResult realm = this.provisioner.provision(tenant);
			this.registry.upsert(TenantRegistration.serving(tenant, hash, Instant.now()));
			// this instance serves it from now on, not after the status cache expires
			this.statuses.invalidate(tenant.id());
			if (!plan.isEmpty()) {
				this.registry.recordPlan(tenant.id(), plan.encode());
			}
			OnboardingResult result = new OnboardingResult(tenant.id(), schema, realm.duration(), realm.changes());
			TenantContext.runAs(tenant.id(), () -> logger.info("Onboarded {}: schema {} ms, realm {} ms ({})",
					tenant.id(), schema.toMillis(), realm.duration().toMillis(),
					realm.created() ? "created" : (realm.modified() ? "updated " + realm.changes() : "unchanged")));
			return result;
		}
		catch (RuntimeException ex) {
			String cluster = (ex instanceof RealmNotMovedException) ? servedFrom : tenant.keycloak().cluster();
			this.registry.upsert(new TenantRegistration(tenant.id(), tenant.name(), tenant.hosts(), cluster,
					TenantStatus.PENDING, hash, OnboardingFailure.french(ex, tenant), null, null));
			throw ex;
		}
	}

	/**
	 * The cluster the realm was last served from, if it is one of the configured
	 * clusters: a registry row naming a cluster no longer configured (or never, as an
	 * unchecked file could once record) holds no realm anywhere the platform can reach,
	 * so there is nothing to move and the realm is created where the file says.
	 */
	private @Nullable String servedFrom(@Nullable TenantRegistration stored, @Nullable TenantDefinition previous) {
		String cluster = (stored != null && !stored.keycloakCluster().isEmpty()) ? stored.keycloakCluster()
				: (previous != null) ? previous.keycloak().cluster() : null;
		if (cluster != null && !this.clusters.clusters().containsKey(cluster)) {
			logger.warn(
					"Tenant {} was recorded on Keycloak cluster '{}', which is not configured: its realm is "
							+ "provisioned on the cluster its file names",
					(stored != null) ? stored.id() : "?", cluster);
			return null;
		}
		return cluster;
	}

	/**
	 * Writes the refused files to the registry, each with its first error: a tenant
	 * served from a last good definition keeps serving and shows the refused edit beside
	 * it; a tenant without one (a new commune's first file) is {@code REFUSED}. Tenants
	 * whose files are all good again lose their refused edit.
	 * @param errors every error of every file refused right now
	 */
	public void recordRefusals(List<TenantConfigError> errors) {
		this.refusals.record(errors);
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
