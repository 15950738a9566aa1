package fr.espacecommun.wizard.internal.steps;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.identity.PasswordRules.PasswordCheck;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.WizardField;

/**
 * Authentification: the username the citizen chooses (unless it is the e-mail address)
 * and the password, checked against the commune's policy and never stored: it lives in
 * the request that checked it (or, when this is not the last page, in the memory of the
 * instance that checked it, see the web layer) and is asked again when missing.
 */
final class CredentialsStep extends FieldsStep {

	static final String USERNAME = "username";

	static final String PASSWORD = "password";

	static final String CONFIRMATION = "passwordConfirmation";

	@Override
	public StepType type() {
		return StepType.CREDENTIALS;
	}

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		if (tenant.usernameMode() == UsernameMode.EMAIL) {
			return List.of();
		}
		return super.fields(tenant);
	}

	@Override
	public void take(StepContext step, Map<String, String> typed, StepErrors errors) {
		super.take(step, typed, errors);
		String password = typed.getOrDefault(PASSWORD, "");
		String confirmation = typed.getOrDefault(CONFIRMATION, "");
		if (password.isEmpty()) {
			errors.add(new FieldError(PASSWORD, "passwordRequired", List.of()));
		}
		else if (FieldRules.hasControlCharacters(password)) {
			errors.add(new FieldError(PASSWORD, "passwordControl", List.of()));
		}
		else {
			PasswordCheck check = PasswordRules.check(step.tenant().passwordPolicy(), password,
					Steps.username(step.tenant(), step.draft()), step.draft().getValues().get(ContactStep.EMAIL));
			if (!check.ok()) {
				String unmet = check.unmet().stream().map(PasswordRules.Rule::label).collect(Collectors.joining(", "));
				errors.add(new FieldError(PASSWORD, "passwordPolicy", List.of(unmet)));
			}
		}
		if (!password.isEmpty() && confirmation.isEmpty()) {
			errors.add(new FieldError(CONFIRMATION, "passwordConfirmationRequired", List.of()));
		}
		else if (!password.isEmpty() && !password.equals(confirmation)) {
			errors.add(new FieldError(CONFIRMATION, "passwordMismatch", List.of()));
		}
		step.acceptPassword((errors.has(PASSWORD) || errors.has(CONFIRMATION)) ? null : password);
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
		super.check(step, errors);
		if (step.password() == null && !errors.has(PASSWORD) && !errors.has(CONFIRMATION)) {
			errors.add(new FieldError(PASSWORD, "passwordAgain", List.of()));
		}
	}

	/**
	 * On a page that does not submit, asks Keycloak whether the username is free; on the
	 * page that submits, Keycloak refuses a taken one at creation, so it is asked only
	 * when the page comes back anyway.
	 */
	@Override
	public void review(StepContext step, StepErrors errors, boolean pageRefused) {
		String username = step.draft().value(USERNAME);
		boolean lookUp = !step.lastPage() || pageRefused;
		if (lookUp && step.tenant().usernameMode() == UsernameMode.CHOSEN && !errors.has(USERNAME)
				&& !username.isEmpty() && !step.services().isAvailable(step.tenant(), username)) {
			String label = step.tenant().field(USERNAME).map((field) -> field.label()).orElse("");
			errors.addFirst(new FieldError(USERNAME, "usernameTaken", List.of(label)));
		}
	}

}
