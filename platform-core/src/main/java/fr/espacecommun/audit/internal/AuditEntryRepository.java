package fr.espacecommun.audit.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Audit entries of the current tenant ({@link fr.espacecommun.tenancy.TenantContext}).
 */
public interface AuditEntryRepository extends JpaRepository<AuditEntry, UUID> {

	/** The entries of one actor, oldest first. */
	List<AuditEntry> findByActorOrderByAtAsc(String actor);

	/** The entries of one action, newest first. */
	List<AuditEntry> findByActionOrderByAtDesc(String action);

	/** The entries about one subject, oldest first. */
	List<AuditEntry> findBySubjectOrderByAtAsc(String subject);

	/** Every entry, newest first. */
	Page<AuditEntry> findAllByOrderByAtDesc(Pageable page);

}
