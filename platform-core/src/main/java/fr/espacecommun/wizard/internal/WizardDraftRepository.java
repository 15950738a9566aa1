package fr.espacecommun.wizard.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Drafts of the current tenant (its schema, from TenantContext). */
interface WizardDraftRepository extends JpaRepository<WizardDraft, UUID> {

	/** Deletes the drafts expired before this instant; returns how many. */
	@Modifying
	@Transactional
	@Query("delete from WizardDraft d where d.expiresAt <= :now")
	int deleteExpired(@Param("now") Instant now);

	/**
	 * Claims the right to submit the draft: only one request at a time, on any instance,
	 * calls the registration service; a claim older than {@code stale} is abandoned.
	 * @return 1 if claimed, 0 if another request holds it or the draft was submitted
	 */
	@Modifying
	@Transactional
	@Query("update WizardDraft d set d.submittingSince = :now, d.version = d.version + 1 where d.id = :id "
			+ "and d.submittedAt is null and (d.submittingSince is null or d.submittingSince < :stale)")
	int claimSubmission(@Param("id") UUID id, @Param("now") Instant now, @Param("stale") Instant stale);

	/** Gives up a claim, after a submission that failed. */
	@Modifying
	@Transactional
	@Query("update WizardDraft d set d.submittingSince = null, d.version = d.version + 1 where d.id = :id")
	int releaseSubmission(@Param("id") UUID id);

}
