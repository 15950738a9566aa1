package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Acceptance proofs of the current tenant. */
public interface AcceptanceProofRepository extends JpaRepository<AcceptanceProof, UUID> {

	List<AcceptanceProof> findByKeycloakUserIdOrderByAcceptedAt(String keycloakUserId);

	boolean existsByKeycloakUserIdAndKindAndVersionAndSha256(String keycloakUserId, String kind, String version,
			String sha256);

	long countByKindAndVersion(String kind, String version);

	/** Acceptances of each version of a kind: version label, count. */
	@Query("select p.version, count(p) from AcceptanceProof p where p.kind = :kind group by p.version")
	List<Object[]> countByVersion(@Param("kind") String kind);

	/** One page of a version's acceptances, newest first. */
	@Query("select p from AcceptanceProof p where p.kind = :kind and p.version = :version "
			+ "order by p.acceptedAt desc, p.id")
	List<AcceptanceProof> findPage(@Param("kind") String kind, @Param("version") String version, Pageable page);

	/**
	 * Keeps the citizen's proofs without the person: who becomes a random pseudonym,
	 * which text and when stay.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update AcceptanceProof p set p.keycloakUserId = null, p.username = null, p.pseudonym = :pseudonym,
				p.anonymisedAt = :now
			where p.keycloakUserId = :user""")
	int anonymise(@Param("user") String userId, @Param("pseudonym") String pseudonym, @Param("now") Instant now);

}
