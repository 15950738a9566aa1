package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Registrations of the current tenant. */
public interface RegistrationRowRepository extends JpaRepository<RegistrationRow, UUID> {

	/**
	 * Inserts the registration if new; a concurrent insert of the same id waits for the
	 * first transaction, then does nothing.
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			INSERT INTO registration (registration_id, state, created_at) VALUES (:id, :state, :now)
			ON CONFLICT DO NOTHING""")
	int insertIfAbsent(@Param("id") UUID registrationId, @Param("state") String state, @Param("now") Instant now);

	/** The registration, locked until the transaction ends. */
	@Query(nativeQuery = true, value = "SELECT * FROM registration WHERE registration_id = :id FOR UPDATE")
	Optional<RegistrationRow> lockById(@Param("id") UUID registrationId);

	/** The account's registration, locked until the transaction ends. */
	@Query(nativeQuery = true, value = "SELECT * FROM registration WHERE keycloak_user_id = :user FOR UPDATE")
	Optional<RegistrationRow> lockByUser(@Param("user") String userId);

	Optional<RegistrationRow> findByRegistrationIdAndStateNot(UUID registrationId, String state);

	Optional<RegistrationRow> findFirstByKeycloakUserId(String keycloakUserId);

	List<RegistrationRow> findByKeycloakUserIdOrderByCreatedAt(String keycloakUserId);

	List<RegistrationRow> findByKeycloakUserIdIn(Collection<String> keycloakUserIds);

	boolean existsByKeycloakUserIdAndState(String keycloakUserId, String state);

	@Query("""
			select r from RegistrationRow r where r.state = :state and r.keycloakUserId is not null
			order by r.deadline, r.createdAt""")
	List<RegistrationRow> findAwaiting(@Param("state") String state);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update RegistrationRow r set r.state = :state, r.updatedAt = :now where r.keycloakUserId = :user")
	int changeState(@Param("user") String userId, @Param("state") String state, @Param("now") Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from RegistrationRow r where r.keycloakUserId = :user")
	int deleteByUser(@Param("user") String userId);

}
