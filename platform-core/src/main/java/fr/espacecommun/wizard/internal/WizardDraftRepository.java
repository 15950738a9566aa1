package fr.espacecommun.wizard.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import fr.espacecommun.wizard.CitizenDrafts;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Drafts of the current tenant (its schema, from TenantContext). */
public interface WizardDraftRepository extends JpaRepository<WizardDraft, UUID> {

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

	/** The drafts with these ids, oldest first, as the citizen's export shows them. */
	@Query("""
			select new fr.espacecommun.wizard.CitizenDrafts$Draft(d.id, d.currentStep, d.reachedPage, d.accountType,
				d.values, d.cguVersion, d.cguSha256, d.cguAcceptedAt, d.consentVersion, d.consentSha256,
				d.consentAcceptedAt, d.securityPassedAt, d.submittingSince, d.submittedAt, d.outcomeState,
				d.outcomeUsername, d.outcomeEmail, d.outcomeDeadline, d.version, d.createdAt, d.updatedAt,
				d.expiresAt)
			from WizardDraft d where d.id in :ids order by d.createdAt""")
	List<CitizenDrafts.Draft> exportAll(@Param("ids") Collection<UUID> ids);

	/**
	 * Deletes the drafts with these ids, in the caller's transaction; returns how many.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from WizardDraft d where d.id in :ids")
	int deleteAllWithIds(@Param("ids") Collection<UUID> ids);

}
