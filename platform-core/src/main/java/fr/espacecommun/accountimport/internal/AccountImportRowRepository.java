package fr.espacecommun.accountimport.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The lines of the current tenant's account imports. */
public interface AccountImportRowRepository extends JpaRepository<AccountImportRow, AccountImportRow.Key> {

	List<AccountImportRow> findByImportIdOrderByLine(UUID importId);

	Optional<AccountImportRow> findFirstByImportIdAndStatusOrderByLine(UUID importId, RowStatus status);

	List<AccountImportRow> findByKeycloakUserIdOrderByLine(String keycloakUserId);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update AccountImportRow r set r.status = :status, r.keycloakUserId = :user, r.username = :username,
				r.reasons = :reasons, r.processedAt = :now
			where r.importId = :id and r.line = :line""")
	int done(@Param("id") UUID importId, @Param("line") int line, @Param("status") RowStatus status,
			@Param("user") @Nullable String userId, @Param("username") @Nullable String username,
			@Param("reasons") @Nullable String reasons, @Param("now") Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from AccountImportRow r where r.keycloakUserId = :user")
	int deleteByUser(@Param("user") String userId);

}
