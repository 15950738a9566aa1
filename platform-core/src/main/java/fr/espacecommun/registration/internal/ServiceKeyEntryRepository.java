package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.List;

import fr.espacecommun.registration.ServiceKeyRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The current tenant's key registry. */
public interface ServiceKeyEntryRepository extends JpaRepository<ServiceKeyEntry, ServiceKeyEntry.Key> {

	/**
	 * Adds the key or updates its holder.
	 * @return whether it was new
	 */
	@Query(nativeQuery = true, value = """
			INSERT INTO service_key (service_id, key_value, holder_name, imported_at) VALUES (:service, :value,
				:holder, :now)
			ON CONFLICT (service_id, key_value) DO UPDATE SET holder_name = EXCLUDED.holder_name,
				imported_at = EXCLUDED.imported_at
			RETURNING (xmax = 0)""")
	boolean upsert(@Param("service") String serviceId, @Param("value") String value,
			@Param("holder") @Nullable String holderName, @Param("now") Instant now);

	/** One page of keys, by service then key, with since when an account holds each. */
	@Query("""
			select new fr.espacecommun.registration.ServiceKeyRecords$HeldKey(k.serviceId, k.keyValue, k.holderName,
				(select min(l.linkedAt) from ServiceKeyLink l where l.serviceId = k.serviceId
					and l.keyValue = k.keyValue))
			from ServiceKeyEntry k order by k.serviceId, k.keyValue""")
	List<ServiceKeyRecords.HeldKey> findHeld(Pageable page);

	@Query("""
			select count(k) from ServiceKeyEntry k where exists (select 1 from ServiceKeyLink l
				where l.serviceId = k.serviceId and l.keyValue = k.keyValue)""")
	long countLinked();

	/** The registry's record of the keys the citizen linked. */
	@Query("""
			select k from ServiceKeyEntry k where exists (select 1 from ServiceKeyLink l
				where l.keycloakUserId = :user and l.serviceId = k.serviceId and l.keyValue = k.keyValue)
			order by k.serviceId""")
	List<ServiceKeyEntry> findLinkedBy(@Param("user") String userId);

}
