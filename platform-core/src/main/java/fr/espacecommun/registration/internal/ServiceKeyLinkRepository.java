package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Citizens' service keys in the current tenant. */
public interface ServiceKeyLinkRepository extends JpaRepository<ServiceKeyLink, UUID> {

	/**
	 * Links the key, replacing the citizen's key of the same service; verified when the
	 * tenant's registry knows it.
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			INSERT INTO service_key_link (id, keycloak_user_id, service_id, key_value, verified, linked_at)
			VALUES (:id, :user, :service, :value,
				EXISTS (SELECT 1 FROM service_key WHERE service_id = :service AND key_value = :value), :now)
			ON CONFLICT (keycloak_user_id, service_id) DO UPDATE SET key_value = EXCLUDED.key_value,
				verified = EXCLUDED.verified, linked_at = EXCLUDED.linked_at""")
	int link(@Param("id") UUID id, @Param("user") String userId, @Param("service") String serviceId,
			@Param("value") String value, @Param("now") Instant now);

	List<ServiceKeyLink> findByKeycloakUserIdOrderByServiceId(String keycloakUserId);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from ServiceKeyLink l where l.keycloakUserId = :user and l.serviceId = :service")
	int unlink(@Param("user") String userId, @Param("service") String serviceId);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from ServiceKeyLink l where l.keycloakUserId = :user")
	int deleteByUser(@Param("user") String userId);

	/** Marks verified the links whose key the registry knows now. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update ServiceKeyLink l set l.verified = true where l.verified = false and exists (
				select 1 from ServiceKeyEntry k where k.serviceId = l.serviceId and k.keyValue = l.keyValue)""")
	int verifyKnown();

}
