package fr.espacecommun.tenancy;

import java.time.Duration;

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

	private final Cache<String, Availability> cache;

	public TenantStatuses(TenantRegistry registry, Duration timeToLive) {
		this.registry = registry;
		this.cache = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(100_000).build();
	}

	/**
	 * Whether the commune's pages may answer: open, suspended by an operator, or still
	 * opening (declared, its realm and schema not created yet, or their creation failed).
	 * When the registry cannot be read the tenant is taken as open: its pages need the
	 * same database and fail on their own.
	 */
	public Availability availability(String tenantId) {
		try {
			return this.cache.get(tenantId,
					(id) -> this.registry.find(id)
						.map((row) -> (row.status() == TenantStatus.SUSPENDED) ? Availability.SUSPENDED
								: row.whole() ? Availability.OPEN : Availability.OPENING)
						.orElse(Availability.OPENING));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read the status of tenant {} from the registry: {}", tenantId, ex.toString());
			return Availability.OPEN;
		}
	}

	/** Whether an operator suspended the tenant. */
	public boolean isSuspended(String tenantId) {
		return availability(tenantId) == Availability.SUSPENDED;
	}

	/** Forgets the cached status, after this instance changed it. */
	public void invalidate(String tenantId) {
		this.cache.invalidate(tenantId);
	}

	/** Whether a commune's pages answer. */
	public enum Availability {

		/** Whole and open. */
		OPEN,
		/** Closed by an operator. */
		SUSPENDED,
		/** Declared, not whole yet: its realm or schema is still being created. */
		OPENING

	}

}
