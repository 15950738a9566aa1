package fr.espacecommun.wizard.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardPage;
import fr.espacecommun.wizard.WizardStep;
import fr.espacecommun.wizard.internal.steps.ConfirmationStep;
import fr.espacecommun.wizard.internal.steps.PageRun;
import fr.espacecommun.wizard.internal.steps.StepContext;
import fr.espacecommun.wizard.internal.steps.StepErrors;
import fr.espacecommun.wizard.internal.steps.StepHandler;
import fr.espacecommun.wizard.internal.steps.StepServices;
import fr.espacecommun.wizard.internal.steps.Steps;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The wizard: orders a tenant's pages and hands each page's steps to their handlers
 * ({@link Steps}), keeps the draft in the tenant's schema, and submits the registration
 * at the final VALIDER ({@link WizardSubmission}).
 * <p>
 * <b>The password is never stored.</b> Consecutive credentials, service keys and security
 * check steps share the final page (as the Fresnes and CCPLM guides show them), so in
 * every self-registration commune the password is typed on the page whose VALIDER
 * submits, and goes from that request straight to the registration service. When it is
 * refused (another field wrong, username taken), the password fields come back empty.
 * Should a tenant place the credentials before other pages, the web layer keeps the
 * validated password in the memory of the instance that checked it (see
 * {@link PageResult.Go}); the final page reached without it asks for it again.
 */
public class WizardEngine {

	private final WizardDrafts drafts;

	private final WizardSubmission submission;

	private final StepServices services;

	// by tenant id: the wizard built from that exact definition (compared by identity)
	private final Map<String, Built> built = new ConcurrentHashMap<>();

	WizardEngine(WizardDrafts drafts, WizardSubmission submission, StepServices services) {
		this.drafts = drafts;
		this.submission = submission;
		this.services = services;
	}

	/**
	 * The tenant's wizard, built once per tenant definition: a reloaded catalogue brings
	 * new definitions, hence new wizards.
	 */
	public WizardDefinition definition(TenantDefinition tenant) {
		Built built = this.built.get(tenant.id());
		if (built == null || built.tenant() != tenant) {
			built = new Built(tenant, WizardDefinition.of(tenant));
			this.built.put(tenant.id(), built);
		}
		return built.wizard();
	}

	/**
	 * The draft with this id, of the current tenant.
	 * @throws DraftExpiredException if it expired or is unknown
	 */
	public DraftState find(UUID id) {
		return WizardDrafts.state(this.drafts.load(id));
	}

	/**
	 * A page to show (GET): its steps get ready (a security check's pictures).
	 * @param tenant the tenant
	 * @param draftId the draft, null before the first page was sent
	 * @param page the page
	 * @return the draft's state, null without a draft
	 */
	public @Nullable DraftState prepare(TenantDefinition tenant, @Nullable UUID draftId, WizardPage page) {
		if (draftId == null) {
			return null;
		}
		WizardDraft draft = this.drafts.load(draftId);
		String before = draft.getSecurityChallenge();
		PageRun run = this.drafts.pageRun(page, this.services, null);
		for (WizardStep step : page.steps()) {
			Steps.of(step.type()).prepare(StepContext.of(tenant, step, draft, run));
		}
		if (draft.getSecurityChallenge() != null && !draft.getSecurityChallenge().equals(before)) {
			draft = this.drafts.save(draft);
		}
		return WizardDrafts.state(draft);
	}

	/**
	 * Handles a page's form.
	 * @param tenant the tenant
	 * @param draftId the draft, null on the first page before anything was sent
	 * @param page the page sent
	 * @param form the form's values (first value of each parameter)
	 * @param action the button pressed
	 * @param heldPassword the password the web layer held since the credentials page,
	 * when that page is not the last one (null: ask it again)
	 * @return what to show next
	 */
	public PageResult handle(TenantDefinition tenant, @Nullable UUID draftId, WizardPage page, Map<String, String> form,
			WizardAction action, @Nullable String heldPassword) {
		WizardDefinition wizard = definition(tenant);
		WizardDraft draft = (draftId != null) ? this.drafts.load(draftId) : create(tenant, wizard);
		if (draft.getSubmittedAt() != null) {
			return new PageResult.Submitted(draft.getId(), WizardDrafts.outcome(draft));
		}
		if (page.index() > draft.getReachedPage()) {
			return new PageResult.Go(draft.getId(), draft.getCurrentStep(), null);
		}
		try {
			return switch (action) {
				case PREVIOUS -> previous(wizard, draft, page, form);
				case CANCEL -> {
					keep(tenant, draft, page, form);
					yield new PageResult.ConfirmCancel(this.drafts.save(draft).getId(), page.slug());
				}
				case SEARCH -> search(tenant, draft, page, form);
				case NEXT -> next(wizard, draft, page, form, heldPassword);
			};
		}
		catch (OptimisticLockingFailureException ex) {
			// another request changed the draft meanwhile (double click): show its result
			WizardDraft current = this.drafts.load(draft.getId());
			if (current.getSubmittedAt() != null) {
				return new PageResult.Submitted(current.getId(), WizardDrafts.outcome(current));
			}
			return new PageResult.Go(current.getId(), current.getCurrentStep(), null);
		}
	}

	/** What the confirmation page says for this outcome. */
	public List<Paragraph> confirmation(TenantDefinition tenant, Outcome outcome) {
		return ConfirmationStep.paragraphs(definition(tenant).confirmation(), outcome);
	}

	/** Abandons the draft (Annuler, confirmed). */
	public void cancel(UUID draftId) {
		this.drafts.delete(draftId);
	}

	/** Deletes the current tenant's expired drafts; returns how many. */
	public int purgeExpired() {
		return this.drafts.purgeExpired();
	}

	private PageResult previous(WizardDefinition wizard, WizardDraft draft, WizardPage page, Map<String, String> form) {
		keep(wizard.tenant(), draft, page, form);
		WizardPage target = wizard.pages().get(Math.max(0, page.index() - 1));
		draft.moveTo(target);
		return new PageResult.Go(this.drafts.save(draft).getId(), target.slug(), null);
	}

	private PageResult search(TenantDefinition tenant, WizardDraft draft, WizardPage page, Map<String, String> form) {
		PageRun run = this.drafts.pageRun(page, this.services, null);
		List<FieldError> errors = new ArrayList<>();
		List<AddressSuggestion> suggestions = new ArrayList<>();
		for (WizardStep step : page.steps()) {
			StepContext context = StepContext.of(tenant, step, draft, run);
			StepErrors stepErrors = new StepErrors();
			List<AddressSuggestion> found = Steps.search(context, form, stepErrors);
			if (found == null) {
				Steps.of(step.type()).keep(context, form);
			}
			else {
				suggestions.addAll(found);
			}
			errors.addAll(stepErrors.all());
		}
		draft = this.drafts.save(draft);
		return new PageResult.Show(draft.getId(), page, WizardDrafts.state(draft), shown(draft), errors, suggestions);
	}

	/**
	 * Suivant / VALIDER: each step takes the form into the draft and checks it; steps
	 * that ask another service (is the username free?) review the page last.
	 */
	private PageResult next(WizardDefinition wizard, WizardDraft draft, WizardPage page, Map<String, String> form,
			@Nullable String heldPassword) {
		PageRun run = this.drafts.pageRun(page, this.services, heldPassword);
		Map<WizardStep, StepErrors> byStep = new LinkedHashMap<>();
		for (WizardStep step : page.steps()) {
			StepHandler handler = Steps.of(step.type());
			StepContext context = StepContext.of(wizard.tenant(), step, draft, run);
			StepErrors errors = new StepErrors();
			handler.take(context, form, errors);
			handler.check(context, errors);
			byStep.put(step, errors);
		}
		boolean refused = byStep.values().stream().anyMatch((errors) -> !errors.isEmpty());
		List<FieldError> errors = new ArrayList<>();
		byStep.forEach((step, stepErrors) -> {
			Steps.of(step.type()).review(StepContext.of(wizard.tenant(), step, draft, run), stepErrors, refused);
			errors.addAll(stepErrors.all());
		});
		if (!errors.isEmpty()) {
			WizardDraft saved = this.drafts.save(draft);
			return new PageResult.Show(saved.getId(), page, WizardDrafts.state(saved), shown(saved), errors, List.of());
		}
		if (!page.last()) {
			WizardPage target = wizard.pages().get(page.index() + 1);
			draft.moveTo(target);
			return new PageResult.Go(this.drafts.save(draft).getId(), target.slug(), run.password());
		}
		return this.submission.submit(wizard, this.drafts.save(draft), this.services, run.password());
	}

	/** Keeps what was typed on the page, unchecked (Précédent, Annuler). */
	private void keep(TenantDefinition tenant, WizardDraft draft, WizardPage page, Map<String, String> form) {
		PageRun run = this.drafts.pageRun(page, this.services, null);
		for (WizardStep step : page.steps()) {
			Steps.of(step.type()).keep(StepContext.of(tenant, step, draft, run), form);
		}
	}

	/** The values a page shows again: what the draft holds, with the account type. */
	private static Map<String, String> shown(WizardDraft draft) {
		Map<String, String> values = new LinkedHashMap<>(draft.getValues());
		values.put("accountType", draft.getAccountType());
		return values;
	}

	private WizardDraft create(TenantDefinition tenant, WizardDefinition wizard) {
		String type = (tenant.accountTypes().size() == 1) ? tenant.accountTypes().get(0).id() : "";
		return this.drafts.create(wizard.first().slug(), type);
	}

	/** A wizard and the tenant definition it was built from. */
	private record Built(TenantDefinition tenant, WizardDefinition wizard) {
	}

}
