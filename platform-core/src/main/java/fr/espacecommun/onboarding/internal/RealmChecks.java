package fr.espacecommun.onboarding.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import fr.espacecommun.tenant.TenantDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realm checks of tenants served unchanged, run in the background once the platform
 * serves, each cluster's on a daemon thread of its own; stopped with the application.
 */
final class RealmChecks {

	private static final Logger logger = LoggerFactory.getLogger(RealmChecks.class);

	private final List<ExecutorService> running = new CopyOnWriteArrayList<>();

	/**
	 * Checks each tenant with the definition current at the time of its check.
	 * @param tenants the tenants to check
	 * @param current the tenant's current definition, if it is still served
	 * @param check the check of one tenant
	 * @return done when every cluster's checks are
	 */
	CompletableFuture<Void> start(List<TenantDefinition> tenants,
			Function<TenantDefinition, Optional<TenantDefinition>> current, Consumer<TenantDefinition> check) {
		if (tenants.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		Map<String, List<TenantDefinition>> byCluster = PerCluster.group(tenants);
		ExecutorService threads = Executors.newFixedThreadPool(byCluster.size(), (task) -> {
			Thread thread = new Thread(task, "realm-check");
			thread.setDaemon(true);
			return thread;
		});
		this.running.add(threads);
		long start = System.nanoTime();
		return PerCluster.run(byCluster, (clusterTenants) -> clusterTenants.forEach((tenant) -> {
			if (!Thread.currentThread().isInterrupted()) {
				current.apply(tenant).ifPresent(check);
			}
		}), threads).whenComplete((done, failure) -> {
			threads.shutdown();
			this.running.remove(threads);
			logger.info("Checked the realms of {} unchanged tenants after the start in {} ms", tenants.size(),
					(System.nanoTime() - start) / 1_000_000);
		});
	}

	/** Interrupts the checks still running. */
	void stop() {
		this.running.forEach(ExecutorService::shutdownNow);
	}

}
