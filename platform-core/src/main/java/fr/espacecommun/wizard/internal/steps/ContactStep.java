package fr.espacecommun.wizard.internal.steps;

import java.util.List;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardField;

/**
 * Moyens de contact: phones, e-mail and the preferred way of contact, which needs its
 * number; where the e-mail is the username (CCVE), an address that already has an account
 * is refused on this page.
 */
final class ContactStep extends FieldsStep {

	static final String EMAIL = "email";

	static final String PREFERRED = "preferredContact";

	@Override
	public StepType type() {
		return StepType.CONTACT;
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
		super.check(step, errors);
		String needed = switch (step.draft().value(PREFERRED)) {
			case "telephone" -> "phone";
			case "mobile" -> "mobile";
			default -> null;
		};
		if (needed == null || errors.has(PREFERRED) || !step.draft().value(needed).isEmpty()) {
			return;
		}
		List<WizardField> asked = asked(step);
		asked.stream()
			.filter((field) -> field.id().equals(needed))
			.findFirst()
			.ifPresent((field) -> errors.add(FieldError.of(field, "contactNeeded")));
	}

	@Override
	public void review(StepContext step, StepErrors errors, boolean pageRefused) {
		String email = step.draft().value(EMAIL);
		if (step.tenant().usernameMode() == UsernameMode.EMAIL && !errors.has(EMAIL) && !email.isEmpty()
				&& !step.services().isAvailable(step.tenant(), email)) {
			errors.add(new FieldError(EMAIL, "emailTaken", List.of(email)));
		}
	}

}
