package fr.espacecommun.onboarding.internal;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantConfigError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refused tenant files in the registry, each with its first error, for the operators'
 * page.
 */
final class TenantRefusals {

	private static final Logger logger = LoggerFactory.getLogger(TenantRefusals.class);

	private static final Comparator<TenantConfigError> FIRST = Comparator.comparingInt(TenantConfigError::line)
		.thenComparingInt(TenantConfigError::column);

	private final TenantCatalog catalog;

	private final TenantRegistry registry;

	TenantRefusals(TenantCatalog catalog, TenantRegistry registry) {
		this.catalog = catalog;
		this.registry = registry;
	}

	/**
	 * Writes the refused files to the registry: a tenant served from a last good
	 * definition keeps serving and shows the refused edit beside it; a tenant without one
	 * (a new commune's first file) is {@code REFUSED}. Tenants whose files are all good
	 * again lose their refused edit.
	 * @param errors every error of every file refused right now
	 */
	void record(List<TenantConfigError> errors) {
		Map<String, TenantConfigError> firstByTenant = new TreeMap<>();
		for (TenantConfigError error : errors) {
			String tenantId = tenantIdOf(error.file());
			if (tenantId == null) {
				logger.warn("Refused file {} names no valid tenant id; not recorded in the registry", error.file());
				continue;
			}
			firstByTenant.merge(tenantId, error, (a, b) -> (FIRST.compare(a, b) <= 0) ? a : b);
		}
		this.registry.clearPendingErrorsExcept(firstByTenant.keySet());
		Set<String> refusedOrServed = new HashSet<>(firstByTenant.keySet());
		this.catalog.all().forEach((tenant) -> refusedOrServed.add(tenant.id()));
		this.registry.forgetRefusedExcept(refusedOrServed);
		firstByTenant.forEach((tenantId, error) -> {
			if (this.catalog.byId(tenantId).isPresent()) {
				this.registry.recordPendingError(tenantId, error.toString());
			}
			else {
				this.registry.refuse(tenantId, error.toString());
			}
		});
	}

	/** The tenant id a file declares by its name ({@code tenants/<id>.yaml}). */
	private static @Nullable String tenantIdOf(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		return TenantContext.isValidId(stem) ? stem : null;
	}

}
