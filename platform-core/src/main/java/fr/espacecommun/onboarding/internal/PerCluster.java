package fr.espacecommun.onboarding.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import fr.espacecommun.tenant.TenantDefinition;

/**
 * Work on tenants grouped by Keycloak cluster: realm work dominates and each cluster does
 * its own, so one cluster's communes go one at a time and the clusters side by side.
 */
final class PerCluster {

	private PerCluster() {
	}

	/** The tenants by cluster name, in name order. */
	static Map<String, List<TenantDefinition>> group(Collection<TenantDefinition> tenants) {
		return tenants.stream()
			.collect(Collectors.groupingBy((tenant) -> tenant.keycloak().cluster(), TreeMap::new, Collectors.toList()));
	}

	/**
	 * Runs {@code work} on each cluster's tenants and waits: on this thread for one
	 * cluster, on a thread per cluster for more.
	 */
	static void runAndWait(Collection<TenantDefinition> tenants, Consumer<List<TenantDefinition>> work) {
		Map<String, List<TenantDefinition>> byCluster = group(tenants);
		if (byCluster.size() <= 1) {
			byCluster.values().forEach(work);
			return;
		}
		ExecutorService clusters = Executors.newFixedThreadPool(byCluster.size());
		try {
			run(byCluster, work, clusters).join();
		}
		finally {
			clusters.shutdown();
		}
	}

	/** Runs {@code work} on each cluster's tenants, the clusters side by side. */
	static CompletableFuture<Void> run(Map<String, List<TenantDefinition>> byCluster,
			Consumer<List<TenantDefinition>> work, ExecutorService threads) {
		return CompletableFuture.allOf(byCluster.values()
			.stream()
			.map((tenants) -> CompletableFuture.runAsync(() -> work.accept(tenants), threads))
			.toArray(CompletableFuture[]::new));
	}

}
