package fr.espacecommun.wizard.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.wizard.WizardPage;
import fr.espacecommun.wizard.internal.DraftState.ChallengeView;
import fr.espacecommun.wizard.internal.DraftState.Picture;
import fr.espacecommun.wizard.internal.steps.PageRun;
import fr.espacecommun.wizard.internal.steps.SecurityCheck;
import fr.espacecommun.wizard.internal.steps.SecurityCheck.Challenge;
import fr.espacecommun.wizard.internal.steps.StepServices;
import org.jspecify.annotations.Nullable;

/**
 * The current tenant's drafts (its schema, from TenantContext): created, read, kept alive
 * by each change, and seen by the pages as {@link DraftState}.
 */
class WizardDrafts {

	private final WizardDraftRepository repository;

	private final WizardProperties properties;

	private final Clock clock;

	WizardDrafts(WizardDraftRepository repository, WizardProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** What a request on this page knows beyond the draft: the time, in Paris too. */
	PageRun pageRun(WizardPage page, StepServices services, @Nullable String password) {
		return new PageRun(now(), LocalDate.now(this.clock.withZone(FrenchDates.PARIS)), page.last(), services,
				password);
	}

	WizardDraft create(String firstPage, String accountType) {
		Instant now = now();
		return save(
				new WizardDraft(UUID.randomUUID(), firstPage, accountType, now, now.plus(this.properties.draftTtl())));
	}

	/**
	 * The draft with this id.
	 * @throws DraftExpiredException if it expired or is unknown
	 */
	WizardDraft load(UUID id) {
		WizardDraft draft = this.repository.findById(id).orElseThrow(DraftExpiredException::new);
		if (draft.isExpired(now())) {
			throw new DraftExpiredException();
		}
		return draft;
	}

	/** Saves a change, which extends the draft's life. */
	WizardDraft save(WizardDraft draft) {
		Instant now = now();
		draft.touch(now, now.plus(this.properties.draftTtl()));
		return this.repository.save(draft);
	}

	void delete(UUID id) {
		this.repository.deleteById(id);
	}

	int purgeExpired() {
		return this.repository.deleteExpired(now());
	}

	/**
	 * Claims the right to submit: one request at a time, on any instance.
	 * @return whether this request holds the claim
	 */
	boolean claimSubmission(UUID id) {
		Instant now = now();
		return this.repository.claimSubmission(id, now, now.minus(this.properties.submissionWait())) > 0;
	}

	void releaseSubmission(UUID id) {
		this.repository.releaseSubmission(id);
	}

	/** The draft as the pages see it. */
	static DraftState state(WizardDraft draft) {
		Challenge challenge = SecurityCheck.read(draft.getSecurityChallenge());
		ChallengeView view = (challenge != null) ? new ChallengeView(challenge.pictures()
			.entrySet()
			.stream()
			.map((entry) -> new Picture(entry.getKey(), entry.getValue()))
			.toList(), challenge.operands().get(0), challenge.operands().get(1)) : null;
		Outcome outcome = (draft.getSubmittedAt() != null) ? outcome(draft) : null;
		return new DraftState(draft.getId(), draft.getCurrentStep(), draft.getReachedPage(), draft.getAccountType(),
				draft.getValues(), draft.getCguAcceptedAt() != null, draft.getConsentAcceptedAt() != null,
				draft.getSecurityPassedAt() != null, view, outcome, draft.getExpiresAt());
	}

	static Outcome outcome(WizardDraft draft) {
		return new Outcome(ActivationState.valueOf(draft.getOutcomeState()), draft.getOutcomeUsername(),
				draft.getOutcomeEmail(), draft.getOutcomeDeadline());
	}

}
