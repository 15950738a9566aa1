package fr.espacecommun.wizard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import fr.espacecommun.address.AddressSearch;
import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.identity.PasswordRules.PasswordCheck;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.registration.RegistrationService.EmailTakenException;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import fr.espacecommun.wizard.DraftState.ChallengeView;
import fr.espacecommun.wizard.DraftState.Picture;
import fr.espacecommun.wizard.SecurityCheck.Challenge;
import org.apache.commons.codec.digest.DigestUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The wizard: shows a tenant's pages, checks each on the server, keeps the draft in the
 * tenant's schema, and submits the registration at the final VALIDER.
 * <p>
 * <b>The password is never stored.</b> Consecutive credentials, service keys and security
 * check steps share the final page (as the Fresnes and CCPLM guides show them), so in
 * every self-registration commune the password is typed on the page whose VALIDER
 * submits, and goes from that request straight to {@link RegistrationService#submit}.
 * When it is refused (another field wrong, username taken), the password fields come back
 * empty. Should a tenant place the credentials before other pages, the web layer keeps
 * the validated password in the memory of the instance that checked it, keyed by HTTP
 * session and draft, for 30 minutes (see {@link PageResult.Go}); never in the HTTP
 * session, which lives in the database. The final page reached without it (restart,
 * another instance, too late) asks for it again.
 * <p>
 * A double submission (double click, two concurrent POSTs, two instances) calls the
 * registration service once: the draft is claimed in the database before the call, and a
 * second request waits for the first's outcome and shows it.
 */
@Service
public class WizardEngine {

	static final String ACCOUNT_TYPE = "accountType";

	static final String PASSWORD = "password";

	static final String PASSWORD_CONFIRMATION = "passwordConfirmation";

	static final String CAPTCHA = "captcha";

	static final String CAPTCHA_ANSWER = "captchaAnswer";

	static final String CGU = "cguAccepted";

	static final String CONSENT = "consent";

	static final String ADDRESS_CHOICE = "addressChoice";

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final Set<String> ORGANISATION_FIELDS = Set.of("organisationName", "siret", "rna");

	private static final Logger logger = LoggerFactory.getLogger(WizardEngine.class);

	private final WizardDraftRepository drafts;

	private final ObjectProvider<RegistrationService> registration;

	private final ObjectProvider<AddressSearch> addresses;

	private final WizardProperties properties;

	private Clock clock = Clock.systemUTC();

	// by tenant id: the wizard built from that exact definition (compared by identity)
	private final Map<String, Built> built = new ConcurrentHashMap<>();

	WizardEngine(WizardDraftRepository drafts, ObjectProvider<RegistrationService> registration,
			ObjectProvider<AddressSearch> addresses, WizardProperties properties) {
		this.drafts = drafts;
		this.registration = registration;
		this.addresses = addresses;
		this.properties = properties;
	}

	void setClock(Clock clock) {
		this.clock = clock;
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
		return state(load(id));
	}

	/**
	 * A page to show (GET). Gives the draft a security check when the page has one.
	 * @param tenant the tenant
	 * @param draftId the draft, null before the first page was sent
	 * @param page the page
	 * @return the draft's state, null without a draft
	 */
	public @Nullable DraftState prepare(TenantDefinition tenant, @Nullable UUID draftId, WizardPage page) {
		if (draftId == null) {
			return null;
		}
		WizardDraft draft = load(draftId);
		if (page.has(StepType.SECURITY_CHECK) && tenant.captcha() != null && draft.getSecurityPassedAt() == null
				&& draft.getSecurityChallenge() == null && draft.getSubmittedAt() == null) {
			draft.setSecurityChallenge(write(SecurityCheck.newChallenge(tenant.captcha())));
			draft = save(draft);
		}
		return state(draft);
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
		WizardDraft draft = (draftId != null) ? load(draftId) : create(tenant);
		if (draft.getSubmittedAt() != null) {
			return new PageResult.Submitted(draft.getId(), outcomeOf(draft));
		}
		try {
			return handle(tenant, definition(tenant), draft, page, form, action, heldPassword);
		}
		catch (OptimisticLockingFailureException ex) {
			// another request changed the draft meanwhile (double click): show its result
			WizardDraft current = load(draft.getId());
			if (current.getSubmittedAt() != null) {
				return new PageResult.Submitted(current.getId(), outcomeOf(current));
			}
			return new PageResult.Go(current.getId(), current.getCurrentStep(), null);
		}
	}

	private PageResult handle(TenantDefinition tenant, WizardDefinition wizard, WizardDraft draft, WizardPage page,
			Map<String, String> form, WizardAction action, @Nullable String heldPassword) {
		if (page.index() > draft.getReachedPage()) {
			return new PageResult.Go(draft.getId(), draft.getCurrentStep(), null);
		}
		switch (action) {
			case PREVIOUS -> {
				keepTyped(draft, page, form);
				WizardPage target = wizard.pages().get(Math.max(0, page.index() - 1));
				draft.moveTo(target);
				draft = save(draft);
				return new PageResult.Go(draft.getId(), target.slug(), null);
			}
			case CANCEL -> {
				keepTyped(draft, page, form);
				draft = save(draft);
				return new PageResult.ConfirmCancel(draft.getId(), page.slug());
			}
			case SEARCH -> {
				return search(draft, page, form);
			}
			default -> {
				return next(tenant, wizard, draft, page, form, heldPassword);
			}
		}
	}

	/** Abandons the draft (Annuler, confirmed). */
	public void cancel(UUID draftId) {
		this.drafts.deleteById(draftId);
	}

	/** Deletes the current tenant's expired drafts; returns how many. */
	public int purgeExpired() {
		return this.drafts.deleteExpired(this.clock.instant());
	}

	private PageResult search(WizardDraft draft, WizardPage page, Map<String, String> form) {
		keepTyped(draft, page, form);
		draft = save(draft);
		String query = draft.getValues().getOrDefault("addressSearch", "");
		List<FieldError> errors = new ArrayList<>();
		List<AddressSuggestion> suggestions = List.of();
		Optional<WizardField> field = page.fields().stream().filter((f) -> f.id().equals("addressSearch")).findFirst();
		if (field.isPresent() && query.length() < 3) {
			errors.add(FieldError.of(field.get(), "addressQuery"));
		}
		else if (field.isPresent()) {
			suggestions = suggest(query);
			if (suggestions.isEmpty()) {
				errors.add(FieldError.of(field.get(), "addressNone"));
			}
		}
		return new PageResult.Show(draft.getId(), page, state(draft), shown(draft, page, form), errors, suggestions);
	}

	private List<AddressSuggestion> suggest(String query) {
		AddressSearch search = this.addresses.getIfAvailable();
		if (search == null) {
			return List.of();
		}
		try {
			return search.search(query, 5);
		}
		catch (RuntimeException ex) {
			// manual entry stays possible
			logger.warn("Address search failed: {}", ex.toString());
			return List.of();
		}
	}

	private PageResult next(TenantDefinition tenant, WizardDefinition wizard, WizardDraft draft, WizardPage page,
			Map<String, String> form, @Nullable String heldPassword) {
		Map<String, String> typed = new LinkedHashMap<>(form);
		applyAddressChoice(page, typed);
		List<FieldError> errors = new ArrayList<>();
		String password = null;
		int usernameErrorAt = -1;
		for (WizardStep step : page.steps()) {
			switch (step.type()) {
				case ACCOUNT_TYPE -> checkAccountType(tenant, draft, step, typed, errors);
				case CONSENT -> {
					if ("accept".equals(typed.get(CONSENT)) && tenant.consent() != null) {
						draft.acceptConsent(tenant.consent().version(), DigestUtils.sha256Hex(tenant.consent().text()),
								now());
					}
					else if (draft.getConsentAcceptedAt() == null) {
						errors.add(new FieldError(CONSENT, "consent", List.of()));
					}
				}
				case CGU -> {
					if (typed.get(CGU) != null) {
						draft.acceptCgu(tenant.terms().version(), tenant.terms().sha256(), now());
					}
					else {
						errors.add(new FieldError(CGU, "cgu", List.of()));
					}
				}
				case CREDENTIALS -> {
					checkFields(step.fields(), draft, typed, errors);
					usernameErrorAt = errors.size();
					// on the page that submits, Keycloak refuses a taken username at
					// creation: no lookup before (but see below if the page fails)
					password = checkCredentials(tenant, draft, typed, errors, !page.last());
				}
				case SECURITY_CHECK -> checkSecurity(tenant, draft, typed, errors);
				default -> checkFields(step.fields(), draft, typed, errors);
			}
		}
		if (page.has(StepType.CONTACT) && tenant.usernameMode() == UsernameMode.EMAIL) {
			String email = draft.getValues().getOrDefault("email", "");
			boolean emailOk = errors.stream().noneMatch((e) -> e.field().equals("email"));
			if (emailOk && !email.isEmpty() && !isAvailable(tenant, email)) {
				errors.add(new FieldError("email", "emailTaken", List.of(email)));
			}
		}
		if (!errors.isEmpty() && page.last() && usernameErrorAt >= 0) {
			// the page comes back anyway: say now whether the username is taken too
			Optional<FieldError> taken = usernameTaken(tenant, draft, errors);
			if (taken.isPresent()) {
				errors.add(usernameErrorAt, taken.get());
			}
		}
		if (!errors.isEmpty()) {
			draft = save(draft);
			return new PageResult.Show(draft.getId(), page, state(draft), shown(draft, page, typed), errors, List.of());
		}
		if (!page.last()) {
			WizardPage target = wizard.pages().get(page.index() + 1);
			draft.moveTo(target);
			draft = save(draft);
			return new PageResult.Go(draft.getId(), target.slug(), password);
		}
		draft = save(draft);
		return submit(tenant, wizard, draft, (password != null) ? password : heldPassword);
	}

	private PageResult submit(TenantDefinition tenant, WizardDefinition wizard, WizardDraft draft,
			@Nullable String password) {
		Optional<PageResult> earlier = recheckEarlierPages(tenant, wizard, draft, password);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		RegistrationService service = this.registration.getIfAvailable();
		if (service == null) {
			logger.error("No RegistrationService: registrations cannot be submitted");
			return new PageResult.Unavailable(draft.getId(), wizard.pages().get(wizard.pages().size() - 1).slug());
		}
		Instant now = now();
		if (this.drafts.claimSubmission(draft.getId(), now, now.minus(this.properties.submissionWait())) == 0) {
			return awaitOtherSubmission(draft.getId());
		}
		WizardPage last = wizard.pages().get(wizard.pages().size() - 1);
		RegistrationOutcome outcome;
		try {
			outcome = service.submit(request(tenant, draft, password));
		}
		catch (UsernameTakenException ex) {
			this.drafts.releaseSubmission(draft.getId());
			WizardDraft current = load(draft.getId());
			if (tenant.usernameMode() == UsernameMode.EMAIL || ex instanceof EmailTakenException) {
				WizardPage contact = wizard.pageOf(StepType.CONTACT).orElse(last);
				String email = current.getValues().getOrDefault("email", "");
				return new PageResult.Show(current.getId(), contact, state(current), current.getValues(),
						List.of(new FieldError("email", "emailTaken", List.of(email))), List.of());
			}
			WizardPage credentials = wizard.pageOf(StepType.CREDENTIALS).orElse(last);
			String label = wizard.field("username").map(WizardField::label).orElse("");
			return new PageResult.Show(current.getId(), credentials, state(current), current.getValues(),
					List.of(new FieldError("username", "usernameTaken", List.of(label))), List.of());
		}
		catch (IdentityUnavailableException ex) {
			this.drafts.releaseSubmission(draft.getId());
			logger.warn("Registration {} not submitted, kept as a draft: {}", draft.getId(), ex.getMessage());
			return new PageResult.Unavailable(draft.getId(), last.slug());
		}
		catch (RuntimeException ex) {
			this.drafts.releaseSubmission(draft.getId());
			throw ex;
		}
		WizardDraft current = load(draft.getId());
		current.submitted(now(), outcome.state().name(), outcome.username(), outcome.email(),
				outcome.activationDeadline());
		// the profile now lives with the account: the draft keeps only the outcome
		current.clearValues();
		current.setSecurityChallenge(null);
		current = save(current);
		logger.info("Registration {} submitted: {}", current.getId(), outcome.state());
		return new PageResult.Submitted(current.getId(), outcomeOf(current));
	}

	/**
	 * Earlier pages were checked when left, but their stored values are checked again
	 * before anything is created.
	 */
	private Optional<PageResult> recheckEarlierPages(TenantDefinition tenant, WizardDefinition wizard,
			WizardDraft draft, @Nullable String password) {
		for (WizardPage page : wizard.pages()) {
			List<FieldError> errors = new ArrayList<>();
			Map<String, String> stored = new LinkedHashMap<>(draft.getValues());
			for (WizardStep step : page.steps()) {
				switch (step.type()) {
					case CONSENT -> {
						if (draft.getConsentAcceptedAt() == null) {
							errors.add(new FieldError(CONSENT, "consent", List.of()));
						}
					}
					case CGU -> {
						if (draft.getCguAcceptedAt() == null) {
							errors.add(new FieldError(CGU, "cgu", List.of()));
						}
					}
					case SECURITY_CHECK -> {
						if (draft.getSecurityPassedAt() == null) {
							errors.add(new FieldError(CAPTCHA, "securityMissing", List.of()));
						}
					}
					case CREDENTIALS -> {
						if (password == null) {
							errors.add(new FieldError(PASSWORD, "passwordAgain", List.of()));
						}
						checkStored(step.fields(), stored, errors);
					}
					case ACCOUNT_TYPE -> checkStored(step.fields()
						.stream()
						.filter((f) -> !ORGANISATION_FIELDS.contains(f.id())
								|| !"personal".equals(draft.getAccountType()))
						.toList(), stored, errors);
					default -> checkStored(step.fields(), stored, errors);
				}
			}
			if (!errors.isEmpty()) {
				return Optional
					.of(new PageResult.Show(draft.getId(), page, state(draft), draft.getValues(), errors, List.of()));
			}
		}
		return Optional.empty();
	}

	private void checkStored(List<WizardField> fields, Map<String, String> stored, List<FieldError> errors) {
		FieldRules.Context context = context(fields, stored);
		for (WizardField field : fields) {
			FieldRules.check(field, stored.get(field.id()), context).error().ifPresent(errors::add);
		}
	}

	private PageResult awaitOtherSubmission(UUID id) {
		long deadline = System.nanoTime() + this.properties.submissionWait().toNanos();
		while (System.nanoTime() < deadline) {
			WizardDraft current = load(id);
			if (current.getSubmittedAt() != null) {
				return new PageResult.Submitted(id, outcomeOf(current));
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

	private RegistrationRequest request(TenantDefinition tenant, WizardDraft draft, @Nullable String password) {
		Map<String, String> fields = new LinkedHashMap<>();
		Map<String, String> keys = new LinkedHashMap<>();
		draft.getValues().forEach((id, value) -> {
			if (value.isBlank()) {
				return;
			}
			if (id.startsWith(WizardField.SERVICE_KEY_PREFIX)) {
				keys.put(id.substring(WizardField.SERVICE_KEY_PREFIX.length()), value);
			}
			else if (FieldCatalog.ids().contains(id)) {
				fields.put(id, value);
			}
		});
		List<Acceptance> acceptances = new ArrayList<>();
		if (draft.getCguAcceptedAt() != null) {
			acceptances
				.add(new Acceptance("cgu", draft.getCguVersion(), draft.getCguSha256(), draft.getCguAcceptedAt()));
		}
		if (draft.getConsentAcceptedAt() != null) {
			acceptances.add(new Acceptance("consent", draft.getConsentVersion(), draft.getConsentSha256(),
					draft.getConsentAcceptedAt()));
		}
		String username = (tenant.usernameMode() == UsernameMode.EMAIL) ? fields.getOrDefault("email", "")
				: fields.getOrDefault("username", "");
		return new RegistrationRequest(draft.getId(), tenant, draft.getAccountType(), fields, username,
				(password != null) ? password : "", keys, acceptances);
	}

	private void checkAccountType(TenantDefinition tenant, WizardDraft draft, WizardStep step,
			Map<String, String> typed, List<FieldError> errors) {
		String type = typed.getOrDefault(ACCOUNT_TYPE, "").strip();
		boolean known = tenant.accountTypes().stream().anyMatch((t) -> t.id().equals(type));
		if (known) {
			draft.setAccountType(type);
		}
		else if (tenant.accountTypes().size() > 1) {
			errors.add(new FieldError(ACCOUNT_TYPE, "accountType", List.of()));
		}
		String chosen = known ? type : draft.getAccountType();
		List<WizardField> fields = new ArrayList<>();
		for (WizardField field : step.fields()) {
			boolean organisation = !"personal".equals(chosen) && !chosen.isEmpty();
			boolean required = field.required() || (organisation && field.id().equals("organisationName"))
					|| ("company".equals(chosen) && field.id().equals("siret"));
			boolean asked = organisation && (field.id().equals("organisationName")
					|| ("company".equals(chosen) && field.id().equals("siret"))
					|| ("association".equals(chosen) && field.id().equals("rna")));
			if (asked) {
				fields.add(new WizardField(field.id(), field.label(), required, field.kind(), field.maxLength(),
						field.autocomplete(), field.pattern(), field.example(), field.hint()));
			}
			else {
				// not asked for this kind of account: nothing kept
				draft.putValue(field.id(), "");
			}
		}
		checkFields(fields, draft, typed, errors);
	}

	private void checkFields(List<WizardField> fields, WizardDraft draft, Map<String, String> typed,
			List<FieldError> errors) {
		FieldRules.Context context = context(fields, typed);
		for (WizardField field : fields) {
			FieldRules.Result result = FieldRules.check(field, typed.get(field.id()), context);
			if (result.error().isPresent()) {
				errors.add(result.error().get());
				draft.putValue(field.id(), FieldRules.keep(field, typed.get(field.id())));
			}
			else {
				draft.putValue(field.id(), result.value());
			}
		}
		if (fields.stream().anyMatch((f) -> f.id().equals("preferredContact"))) {
			checkPreferredContact(fields, draft, errors);
		}
	}

	/** The preferred way of contact needs its number or address. */
	private static void checkPreferredContact(List<WizardField> fields, WizardDraft draft, List<FieldError> errors) {
		String method = draft.getValues().getOrDefault("preferredContact", "");
		String needed = switch (method) {
			case "telephone" -> "phone";
			case "mobile" -> "mobile";
			default -> null;
		};
		if (needed != null && draft.getValues().getOrDefault(needed, "").isEmpty()
				&& errors.stream().noneMatch((e) -> e.field().equals("preferredContact"))) {
			fields.stream()
				.filter((f) -> f.id().equals(needed))
				.findFirst()
				.ifPresent((f) -> errors.add(FieldError.of(f, "contactNeeded")));
		}
	}

	private @Nullable String checkCredentials(TenantDefinition tenant, WizardDraft draft, Map<String, String> typed,
			List<FieldError> errors, boolean lookUpUsername) {
		String username = (tenant.usernameMode() == UsernameMode.EMAIL) ? draft.getValues().getOrDefault("email", "")
				: draft.getValues().getOrDefault("username", "");
		if (lookUpUsername) {
			usernameTaken(tenant, draft, errors).ifPresent(errors::add);
		}
		String password = typed.getOrDefault(PASSWORD, "");
		String confirmation = typed.getOrDefault(PASSWORD_CONFIRMATION, "");
		if (password.isEmpty()) {
			errors.add(new FieldError(PASSWORD, "passwordRequired", List.of()));
		}
		else if (FieldRules.hasControlCharacters(password)) {
			errors.add(new FieldError(PASSWORD, "passwordControl", List.of()));
		}
		else {
			PasswordCheck check = PasswordRules.check(tenant.passwordPolicy(), password, username,
					draft.getValues().get("email"));
			if (!check.ok()) {
				String unmet = check.unmet().stream().map(PasswordRules.Rule::label).collect(Collectors.joining(", "));
				errors.add(new FieldError(PASSWORD, "passwordPolicy", List.of(unmet)));
			}
		}
		if (!password.isEmpty() && confirmation.isEmpty()) {
			errors.add(new FieldError(PASSWORD_CONFIRMATION, "passwordConfirmationRequired", List.of()));
		}
		else if (!password.isEmpty() && !password.equals(confirmation)) {
			errors.add(new FieldError(PASSWORD_CONFIRMATION, "passwordMismatch", List.of()));
		}
		boolean passwordOk = errors.stream()
			.noneMatch((e) -> e.field().equals(PASSWORD) || e.field().equals(PASSWORD_CONFIRMATION));
		return passwordOk ? password : null;
	}

	/**
	 * The chosen username's "already taken" error, asking Keycloak, unless it is refused
	 * already.
	 */
	private Optional<FieldError> usernameTaken(TenantDefinition tenant, WizardDraft draft, List<FieldError> errors) {
		String username = draft.getValues().getOrDefault("username", "");
		boolean usernameOk = errors.stream().noneMatch((e) -> e.field().equals("username"));
		if (tenant.usernameMode() == UsernameMode.CHOSEN && usernameOk && !username.isEmpty()
				&& !isAvailable(tenant, username)) {
			String label = tenant.field("username").map((f) -> f.label()).orElse("");
			return Optional.of(new FieldError("username", "usernameTaken", List.of(label)));
		}
		return Optional.empty();
	}

	private void checkSecurity(TenantDefinition tenant, WizardDraft draft, Map<String, String> typed,
			List<FieldError> errors) {
		if (draft.getSecurityPassedAt() != null || tenant.captcha() == null) {
			return;
		}
		Challenge challenge = readChallenge(draft.getSecurityChallenge());
		String picture = typed.get(CAPTCHA);
		String answer = typed.get(CAPTCHA_ANSWER);
		boolean answered = (picture != null && !picture.isBlank()) || (answer != null && !answer.isBlank());
		if (challenge != null && SecurityCheck.isRight(challenge, picture, answer)) {
			draft.setSecurityPassedAt(now());
			draft.setSecurityChallenge(null);
			return;
		}
		// single use: whatever was answered, this challenge is spent
		draft.setSecurityChallenge(write(SecurityCheck.newChallenge(tenant.captcha())));
		errors.add(new FieldError(CAPTCHA, answered ? "securityWrong" : "securityMissing", List.of()));
	}

	private boolean isAvailable(TenantDefinition tenant, String username) {
		RegistrationService service = this.registration.getIfAvailable();
		if (service == null) {
			return true;
		}
		try {
			return service.isUsernameAvailable(tenant, username);
		}
		catch (RuntimeException ex) {
			// checked again at submission, which tells the citizen if it failed
			logger.warn("Username availability unknown: {}", ex.toString());
			return true;
		}
	}

	/** Fills the address fields from the suggestion chosen without JavaScript. */
	private void applyAddressChoice(WizardPage page, Map<String, String> typed) {
		String choice = typed.get(ADDRESS_CHOICE);
		if (choice == null || !page.has(StepType.ADDRESS) || choice.isBlank()) {
			return;
		}
		List<AddressSuggestion> suggestions = suggest(typed.getOrDefault("addressSearch", ""));
		int index;
		try {
			index = Integer.parseInt(choice);
		}
		catch (NumberFormatException ex) {
			return;
		}
		if (index < 0 || index >= suggestions.size()) {
			return;
		}
		AddressSuggestion chosen = suggestions.get(index);
		typed.put("addressSearch", chosen.label());
		typed.put("streetNumber", chosen.houseNumber());
		typed.put("streetName", chosen.street());
		typed.put("postalCode", chosen.postcode());
		typed.put("city", chosen.city());
		if (typed.getOrDefault("country", "").isBlank()) {
			typed.put("country", "France");
		}
	}

	/** Keeps what was typed on the page, unchecked (Précédent, Annuler, Rechercher). */
	private void keepTyped(WizardDraft draft, WizardPage page, Map<String, String> form) {
		for (WizardField field : page.fields()) {
			if (form.containsKey(field.id())) {
				draft.putValue(field.id(), FieldRules.keep(field, form.get(field.id())));
			}
		}
		String type = form.get(ACCOUNT_TYPE);
		if (page.has(StepType.ACCOUNT_TYPE) && type != null && type.strip().matches("[a-z]{1,20}")) {
			draft.setAccountType(type.strip());
		}
	}

	/** The values shown on a refused page: as typed, except passwords. */
	private static Map<String, String> shown(WizardDraft draft, WizardPage page, Map<String, String> typed) {
		Map<String, String> values = new LinkedHashMap<>(draft.getValues());
		for (WizardField field : page.fields()) {
			String value = typed.get(field.id());
			if (value != null) {
				values.put(field.id(), value.strip());
			}
		}
		values.put(ACCOUNT_TYPE, draft.getAccountType());
		return values;
	}

	private FieldRules.Context context(List<WizardField> fields, Map<String, String> values) {
		return new FieldRules.Context(LocalDate.now(this.clock.withZone(PARIS)), values.getOrDefault("country", ""));
	}

	private WizardDraft create(TenantDefinition tenant) {
		Instant now = now();
		String type = (tenant.accountTypes().size() == 1) ? tenant.accountTypes().get(0).id() : "";
		WizardDraft draft = new WizardDraft(UUID.randomUUID(), definition(tenant).first().slug(), type, now,
				now.plus(this.properties.draftTtl()));
		return save(draft);
	}

	private WizardDraft load(UUID id) {
		WizardDraft draft = this.drafts.findById(id).orElseThrow(DraftExpiredException::new);
		if (draft.isExpired(now())) {
			throw new DraftExpiredException();
		}
		return draft;
	}

	private WizardDraft save(WizardDraft draft) {
		Instant now = now();
		draft.touch(now, now.plus(this.properties.draftTtl()));
		return this.drafts.save(draft);
	}

	private Instant now() {
		return this.clock.instant();
	}

	private DraftState state(WizardDraft draft) {
		Challenge challenge = readChallenge(draft.getSecurityChallenge());
		ChallengeView view = (challenge != null) ? new ChallengeView(challenge.pictures()
			.entrySet()
			.stream()
			.map((entry) -> new Picture(entry.getKey(), entry.getValue()))
			.toList(), challenge.question()) : null;
		Outcome outcome = (draft.getSubmittedAt() != null) ? outcomeOf(draft) : null;
		return new DraftState(draft.getId(), draft.getCurrentStep(), draft.getReachedPage(), draft.getAccountType(),
				draft.getValues(), draft.getCguAcceptedAt() != null, draft.getConsentAcceptedAt() != null,
				draft.getSecurityPassedAt() != null, view, outcome, draft.getExpiresAt());
	}

	private static Outcome outcomeOf(WizardDraft draft) {
		return new Outcome(ActivationState.valueOf(draft.getOutcomeState()), draft.getOutcomeUsername(),
				draft.getOutcomeEmail(), draft.getOutcomeDeadline());
	}

	private static @Nullable Challenge readChallenge(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return null;
		}
		return JsonMapConverter.json.readValue(json, Challenge.class);
	}

	private static String write(Challenge challenge) {
		return JsonMapConverter.json.writeValueAsString(challenge);
	}

	/** A wizard and the tenant definition it was built from. */
	private record Built(TenantDefinition tenant, WizardDefinition wizard) {
	}

}
