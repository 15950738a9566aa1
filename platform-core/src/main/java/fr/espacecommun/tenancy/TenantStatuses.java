package fr.espacecommun.tenancy;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's status as the registry holds it, read on the request path through a short
 * cache keyed by tenant id: an operator's suspension made on any instance of the platform
 * reaches every instance within the cache's time to live.
 */
public class TenantStatuses {

	private static final Logger logger = LoggerFactory.getLogger(TenantStatuses.class);

	private final TenantRegistry registry;

	private final Cache<String, Optional<TenantStatus>> cache;

	public TenantStatuses(TenantRegistry registry, Duration timeToLive) {
		this.registry = registry;
		this.cache = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(100_000).build();
	}

	/**
	 * Whether an operator suspended the tenant. When the registry cannot be read the
	 * tenant is taken as open: its pages need the same database and fail on their own.
	 */
	public boolean isSuspended(String tenantId) {
		try {
			return this.cache.get(tenantId, this.registry::status).orElse(null) == TenantStatus.SUSPENDED;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read the status of tenant {} from the registry: {}", tenantId, ex.toString());
			return false;
		}
	}

	/** Forgets the cached status, after this instance changed it. */
	public void invalidate(String tenantId) {
		this.cache.invalidate(tenantId);
	}

}
