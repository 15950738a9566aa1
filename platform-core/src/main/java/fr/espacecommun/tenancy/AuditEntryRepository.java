package fr.espacecommun.tenancy;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Audit entries of the current tenant ({@link TenantContext}). */
public interface AuditEntryRepository extends JpaRepository<AuditEntry, UUID> {

	/** The entries of one actor, oldest first. */
	List<AuditEntry> findByActorOrderByAtAsc(String actor);

}
