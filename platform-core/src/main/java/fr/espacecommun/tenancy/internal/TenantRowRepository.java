package fr.espacecommun.tenancy.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import fr.espacecommun.tenancy.TenantStatus;
import jakarta.persistence.LockModeType;
import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The tenant registry's rows. Every statement is JPQL: the entity names its schema, so
 * they reach {@code platform} from a tenant's session too, whatever its search path.
 */
public interface TenantRowRepository extends JpaRepository<TenantRow, String> {

	/**
	 * Inserts the row or updates it as onboarding an accepted file does: a suspended
	 * tenant stays suspended, a refused edit is cleared, a null provisioning time keeps
	 * the stored one.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			insert into TenantRow (id, name, hosts, keycloakCluster, status, configHash, lastError, provisionedAt,
				updatedAt)
			values (:id, :name, :hosts, :cluster, :status, :hash, :error, :provisionedAt, current_timestamp)
			on conflict (id) do update set name = excluded.name, hosts = excluded.hosts,
				keycloakCluster = excluded.keycloakCluster,
				status = case when status = fr.espacecommun.tenancy.TenantStatus.SUSPENDED then status
					else excluded.status end,
				configHash = excluded.configHash, lastError = excluded.lastError, pendingError = null,
				provisionedAt = coalesce(excluded.provisionedAt, provisionedAt), updatedAt = current_timestamp""")
	int upsert(@Param("id") String id, @Param("name") String name, @Param("hosts") String hosts,
			@Param("cluster") String cluster, @Param("status") TenantStatus status, @Param("hash") String hash,
			@Param("error") @Nullable String error, @Param("provisionedAt") @Nullable Instant provisionedAt);

	/** Records a refused file, unless already recorded so or suspended by an operator. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			insert into TenantRow (id, name, hosts, keycloakCluster, status, configHash, lastError, updatedAt)
			values (:id, :id, '', '', fr.espacecommun.tenancy.TenantStatus.REFUSED, '', :error, current_timestamp)
			on conflict (id) do update set
				status = case when status = fr.espacecommun.tenancy.TenantStatus.SUSPENDED then status
					else fr.espacecommun.tenancy.TenantStatus.REFUSED end,
				lastError = excluded.lastError, updatedAt = current_timestamp
			where status not in (fr.espacecommun.tenancy.TenantStatus.REFUSED,
					fr.espacecommun.tenancy.TenantStatus.SUSPENDED)
				or lastError is distinct from excluded.lastError""")
	int refuse(@Param("id") String id, @Param("error") String error);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update TenantRow t set t.pendingError = :error, t.updatedAt = current_timestamp
			where t.id = :id and t.pendingError is distinct from :error""")
	int recordPendingError(@Param("id") String id, @Param("error") @Nullable String error);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update TenantRow t set t.lastPlan = :plan, t.lastPlanAt = current_timestamp where t.id = :id")
	int recordPlan(@Param("id") String id, @Param("plan") String plan);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update TenantRow t set t.pendingError = null, t.updatedAt = current_timestamp "
			+ "where t.pendingError is not null")
	int clearPendingErrors();

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update TenantRow t set t.pendingError = null, t.updatedAt = current_timestamp "
			+ "where t.pendingError is not null and t.id not in :ids")
	int clearPendingErrorsExcept(@Param("ids") Collection<String> ids);

	/**
	 * Forgets the refused rows of files never onboarded (nothing created for them) that
	 * are refused no more: their file was fixed under another name, or deleted.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			delete from TenantRow t where t.status = fr.espacecommun.tenancy.TenantStatus.REFUSED
				and t.provisionedAt is null and t.lastPlanAt is null and t.id not in :ids""")
	int deleteRefusedExcept(@Param("ids") Collection<String> ids);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update TenantRow t set t.status = :status, t.updatedAt = current_timestamp where t.id = :id")
	int changeStatus(@Param("id") String id, @Param("status") TenantStatus status);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from TenantRow t where t.id = :id")
	Optional<TenantRow> lockById(@Param("id") String id);

	@Query("select t.status from TenantRow t where t.id = :id")
	Optional<TenantStatus> findStatusById(@Param("id") String id);

	List<TenantRow> findAllByOrderByIdAsc();

}
