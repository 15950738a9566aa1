package fr.espacecommun.settings.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.espacecommun.settings.SettingKind;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The setting versions of every commune (JPQL only: the entity names its schema). */
interface SettingVersionRepository extends JpaRepository<SettingVersionRow, SettingVersionRow.Key> {

	/** The newest version of every setting of every tenant, in one query. */
	@Query("""
			select v from SettingVersionRow v where v.version = (select max(w.version) from SettingVersionRow w
				where w.tenantId = v.tenantId and w.kind = v.kind)
			order by v.tenantId, v.kind""")
	List<SettingVersionRow> findLatest();

	Optional<SettingVersionRow> findFirstByTenantIdAndKindOrderByVersionDesc(String tenantId, SettingKind kind);

	List<SettingVersionRow> findByTenantIdAndKindOrderByVersionDesc(String tenantId, SettingKind kind);

	@Query("select coalesce(max(v.version), 0) + 1 from SettingVersionRow v "
			+ "where v.tenantId = :tenantId and v.kind = :kind")
	int nextVersion(@Param("tenantId") String tenantId, @Param("kind") SettingKind kind);

	/** Inserts a version; a second one with the same number fails on the primary key. */
	@Modifying
	@Query("""
			insert into SettingVersionRow (tenantId, kind, version, value, author, createdAt)
			values (:tenantId, :kind, :version, :value, :author, :at)""")
	int add(@Param("tenantId") String tenantId, @Param("kind") SettingKind kind, @Param("version") int version,
			@Param("value") String value, @Param("author") String author, @Param("at") Instant at);

}
