package fr.espacecommun.wizard.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.EmailTakenException;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardField;
import fr.espacecommun.wizard.WizardPage;
import fr.espacecommun.wizard.WizardStep;
import fr.espacecommun.wizard.internal.steps.PageRun;
import fr.espacecommun.wizard.internal.steps.StepContext;
import fr.espacecommun.wizard.internal.steps.StepErrors;
import fr.espacecommun.wizard.internal.steps.StepServices;
import fr.espacecommun.wizard.internal.steps.Steps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The final VALIDER: every page's steps check the draft again, the same code as when the
 * citizen left each page, then the registration service is called once for the draft,
 * whatever the number of clicks, requests or instances.
 */
class WizardSubmission {

	private static final Logger logger = LoggerFactory.getLogger(WizardSubmission.class);

	private final WizardDrafts drafts;

	private final ObjectProvider<RegistrationService> registration;

	private final WizardProperties properties;

	WizardSubmission(WizardDrafts drafts, ObjectProvider<RegistrationService> registration,
			WizardProperties properties) {
		this.drafts = drafts;
		this.registration = registration;
		this.properties = properties;
	}

	PageResult submit(WizardDefinition wizard, WizardDraft draft, StepServices services, @Nullable String password) {
		Optional<PageResult> refused = recheck(wizard, draft, services, password);
		if (refused.isPresent()) {
			return refused.get();
		}
		RegistrationService service = this.registration.getIfAvailable();
		if (service == null) {
			logger.error("No RegistrationService: registrations cannot be submitted");
			return new PageResult.Unavailable(draft.getId(), wizard.last().slug());
		}
		if (!this.drafts.claimSubmission(draft.getId())) {
			return awaitOtherSubmission(draft.getId());
		}
		TenantDefinition tenant = wizard.tenant();
		RegistrationOutcome outcome;
		try {
			outcome = service.submit(request(wizard, draft, services, password));
		}
		catch (UsernameTakenException ex) {
			this.drafts.releaseSubmission(draft.getId());
			return taken(wizard, this.drafts.load(draft.getId()),
					tenant.usernameMode() == UsernameMode.EMAIL || ex instanceof EmailTakenException);
		}
		catch (IdentityUnavailableException ex) {
			this.drafts.releaseSubmission(draft.getId());
			logger.warn("Registration {} not submitted, kept as a draft: {}", draft.getId(), ex.getMessage());
			return new PageResult.Unavailable(draft.getId(), wizard.last().slug());
		}
		catch (RuntimeException ex) {
			this.drafts.releaseSubmission(draft.getId());
			throw ex;
		}
		WizardDraft current = this.drafts.load(draft.getId());
		current.submitted(this.drafts.now(), outcome.state().name(), outcome.username(), outcome.email(),
				outcome.activationDeadline());
		// the profile now lives with the account: the draft keeps only the outcome
		current.clearValues();
		current.setSecurityChallenge(null);
		current = this.drafts.save(current);
		logger.info("Registration {} submitted: {}", current.getId(), outcome.state());
		return new PageResult.Submitted(current.getId(), WizardDrafts.outcome(current));
	}

	/**
	 * Earlier pages were checked when left, but what the draft holds is checked again,
	 * page by page, before anything is created: the first page refused is shown.
	 */
	private Optional<PageResult> recheck(WizardDefinition wizard, WizardDraft draft, StepServices services,
			@Nullable String password) {
		for (WizardPage page : wizard.pages()) {
			PageRun run = this.drafts.pageRun(page, services, password);
			List<FieldError> errors = new ArrayList<>();
			for (WizardStep step : page.steps()) {
				StepErrors stepErrors = new StepErrors();
				Steps.of(step.type()).check(StepContext.of(wizard.tenant(), step, draft, run), stepErrors);
				errors.addAll(stepErrors.all());
			}
			if (!errors.isEmpty()) {
				return Optional.of(new PageResult.Show(draft.getId(), page, WizardDrafts.state(draft),
						draft.getValues(), errors, List.of()));
			}
		}
		return Optional.empty();
	}

	/** What each step gives the registration, with the proofs of what was accepted. */
	private RegistrationRequest request(WizardDefinition wizard, WizardDraft draft, StepServices services,
			@Nullable String password) {
		Map<String, String> fields = new LinkedHashMap<>();
		Map<String, String> keys = new LinkedHashMap<>();
		for (WizardPage page : wizard.pages()) {
			PageRun run = this.drafts.pageRun(page, services, password);
			for (WizardStep step : page.steps()) {
				Steps.of(step.type())
					.submitted(StepContext.of(wizard.tenant(), step, draft, run))
					.forEach((id, value) -> {
						if (id.startsWith(WizardField.SERVICE_KEY_PREFIX)) {
							keys.put(id.substring(WizardField.SERVICE_KEY_PREFIX.length()), value);
						}
						else {
							fields.put(id, value);
						}
					});
			}
		}
		List<Acceptance> acceptances = new ArrayList<>();
		if (draft.getCguAcceptedAt() != null) {
			acceptances
				.add(new Acceptance("cgu", draft.getCguVersion(), draft.getCguSha256(), draft.getCguAcceptedAt()));
		}
		if (draft.getConsentAcceptedAt() != null) {
			acceptances.add(new Acceptance("consent", draft.getConsentVersion(), draft.getConsentSha256(),
					draft.getConsentAcceptedAt()));
		}
		return new RegistrationRequest(draft.getId(), wizard.tenant(), draft.getAccountType(), fields,
				Steps.username(wizard.tenant(), draft), (password != null) ? password : "", keys, acceptances);
	}

	/** Keycloak refused the username or the e-mail: the page that asked it says so. */
	private PageResult taken(WizardDefinition wizard, WizardDraft draft, boolean email) {
		if (email) {
			WizardPage contact = wizard.pageOf(StepType.CONTACT).orElse(wizard.last());
			return new PageResult.Show(draft.getId(), contact, WizardDrafts.state(draft), draft.getValues(),
					List.of(new FieldError("email", "emailTaken", List.of(draft.value("email")))), List.of());
		}
		WizardPage credentials = wizard.pageOf(StepType.CREDENTIALS).orElse(wizard.last());
		String label = wizard.field("username").map(WizardField::label).orElse("");
		return new PageResult.Show(draft.getId(), credentials, WizardDrafts.state(draft), draft.getValues(),
				List.of(new FieldError("username", "usernameTaken", List.of(label))), List.of());
	}

	private PageResult awaitOtherSubmission(UUID id) {
		long deadline = System.nanoTime() + this.properties.submissionWait().toNanos();
		while (System.nanoTime() < deadline) {
			WizardDraft current = this.drafts.load(id);
			if (current.getSubmittedAt() != null) {
				return new PageResult.Submitted(id, WizardDrafts.outcome(current));
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return new PageResult.InProgress(id);
	}

}
