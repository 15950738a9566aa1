package fr.espacecommun.accountimport.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The current tenant's account imports. */
interface AccountImportRepository extends JpaRepository<AccountImport, UUID> {

	List<AccountImport> findByOrderByUploadedAtDesc(Pageable page);

	/** Starts the import if it is still a preview with lines to create. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update AccountImport i set i.state = fr.espacecommun.accountimport.internal.ImportState.RUNNING,
				i.confirmedBy = :staff, i.confirmedAt = :now, i.heartbeatAt = :now
			where i.id = :id and i.state = fr.espacecommun.accountimport.internal.ImportState.PREVIEW and exists (
				select 1 from AccountImportRow r where r.importId = :id
					and r.status = fr.espacecommun.accountimport.internal.AccountImports.RowStatus.PENDING)""")
	int confirm(@Param("id") UUID id, @Param("staff") String staff, @Param("now") Instant now);

	/**
	 * Takes over a running import whose worker has been silent since before the limit.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update AccountImport i set i.heartbeatAt = :now
			where i.id = :id and i.state = fr.espacecommun.accountimport.internal.ImportState.RUNNING
				and i.heartbeatAt < :silentSince""")
	int takeOver(@Param("id") UUID id, @Param("now") Instant now, @Param("silentSince") Instant silentSince);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update AccountImport i set i.heartbeatAt = :now where i.id = :id")
	int heartbeat(@Param("id") UUID id, @Param("now") Instant now);

	/** Ends a running import. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update AccountImport i set i.state = fr.espacecommun.accountimport.internal.ImportState.DONE, i.finishedAt = :now
			where i.id = :id and i.state = fr.espacecommun.accountimport.internal.ImportState.RUNNING""")
	int finish(@Param("id") UUID id, @Param("now") Instant now);

	/** Lines by status: status, count. */
	@Query("select r.status, count(r) from AccountImportRow r where r.importId = :id group by r.status")
	List<Object[]> countRows(@Param("id") UUID id);

}
