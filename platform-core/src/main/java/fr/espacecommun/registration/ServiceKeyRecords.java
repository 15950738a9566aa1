package fr.espacecommun.registration;

import java.time.Instant;
import java.util.List;

import fr.espacecommun.registration.internal.ServiceKeyEntryRepository;
import fr.espacecommun.registration.internal.ServiceKeyLinkRepository;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;

/**
 * The tenant's key registry ({@code service_key}) beside the keys citizens linked
 * ({@code service_key_link}): one feature's tables, so that a link is verified against
 * the registry in the same statement. Staff's registry import and page use it.
 */
public class ServiceKeyRecords {

	private final ServiceKeyEntryRepository keys;

	private final ServiceKeyLinkRepository links;

	private final TenantTransactions transactions;

	public ServiceKeyRecords(ServiceKeyEntryRepository keys, ServiceKeyLinkRepository links,
			TenantTransactions transactions) {
		this.keys = keys;
		this.links = links;
		this.transactions = transactions;
	}

	/**
	 * Adds the keys or updates their holders, then marks verified the links citizens made
	 * to keys the registry did not know yet.
	 * @return how many keys were new
	 */
	public int importKeys(TenantDefinition tenant, List<NewKey> newKeys, Instant now) {
		return this.transactions.run(tenant, () -> {
			int added = 0;
			for (NewKey key : newKeys) {
				added += this.keys.upsert(key.serviceId(), key.value(), key.holderName(), now) ? 1 : 0;
			}
			this.links.verifyKnown();
			return added;
		});
	}

	/**
	 * One page of the registry, by service then key, with since when an account holds
	 * each.
	 */
	public List<HeldKey> page(TenantDefinition tenant, int offset, int limit) {
		return this.transactions.read(tenant, () -> this.keys.findHeld(PageRequest.of(offset / limit, limit)));
	}

	/** How many keys the registry holds. */
	public long count(TenantDefinition tenant) {
		return this.transactions.read(tenant, this.keys::count);
	}

	/** How many of the registry's keys an account holds. */
	public long countLinked(TenantDefinition tenant) {
		return this.transactions.read(tenant, this.keys::countLinked);
	}

	/**
	 * A key to import.
	 *
	 * @param serviceId the service ({@code enfance})
	 * @param value the key
	 * @param holderName the holder the back office named, if any
	 */
	public record NewKey(String serviceId, String value, @Nullable String holderName) {
	}

	/**
	 * A key of the registry.
	 *
	 * @param serviceId the service
	 * @param keyValue the key
	 * @param holderName the holder the back office named, if any
	 * @param linkedAt since when an account holds it, if one does
	 */
	public record HeldKey(String serviceId, String keyValue, @Nullable String holderName, @Nullable Instant linkedAt) {
	}

}
