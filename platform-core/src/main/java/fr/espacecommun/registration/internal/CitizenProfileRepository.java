package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Profiles of the current tenant (its schema, from the session's tenant). */
public interface CitizenProfileRepository extends JpaRepository<CitizenProfile, UUID> {

	Optional<CitizenProfile> findByKeycloakUserId(String keycloakUserId);

	@Query("select p.keycloakUserId from CitizenProfile p where p.keycloakUserId in :ids")
	List<String> findUsersAmong(@Param("ids") Collection<String> ids);

	/** Replaces the phone numbers and the preferred contact method. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update CitizenProfile p set p.fields.phone = :phone, p.fields.mobile = :mobile, p.fields.fax = :fax,
				p.fields.preferredContact = :preferred, p.updatedAt = :now
			where p.keycloakUserId = :user""")
	int updateContact(@Param("user") String userId, @Param("phone") @Nullable String phone,
			@Param("mobile") @Nullable String mobile, @Param("fax") @Nullable String fax,
			@Param("preferred") @Nullable String preferredContact, @Param("now") Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from CitizenProfile p where p.keycloakUserId = :user")
	int deleteByUser(@Param("user") String userId);

}
