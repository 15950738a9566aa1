package fr.espacecommun.activation.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Activation links of the current tenant. */
public interface ActivationTokenRepository extends JpaRepository<ActivationToken, String> {

	/**
	 * Uses the token, atomically: of two concurrent uses, one wins.
	 * @return the account, if the token was valid and unused
	 */
	@Query(nativeQuery = true, value = """
			UPDATE activation_token SET used_at = :now WHERE token_hash = :hash AND purpose = :purpose
				AND used_at IS NULL AND expires_at > :now
			RETURNING keycloak_user_id""")
	Optional<String> use(@Param("hash") String tokenHash, @Param("purpose") String purpose, @Param("now") Instant now);

	/** Ends every unused token of the account. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update ActivationToken t set t.expiresAt = :now
			where t.keycloakUserId = :user and t.usedAt is null and t.expiresAt > :now""")
	int revokeAll(@Param("user") String userId, @Param("now") Instant now);

	List<ActivationToken> findByKeycloakUserIdOrderByCreatedAt(String keycloakUserId);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from ActivationToken t where t.keycloakUserId = :user")
	int deleteByUser(@Param("user") String userId);

}
