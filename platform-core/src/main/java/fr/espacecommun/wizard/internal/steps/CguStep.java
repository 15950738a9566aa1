package fr.espacecommun.wizard.internal.steps;

import java.util.List;
import java.util.Map;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardField;

/**
 * CGU: the commune's text and the box to tick; the acceptance is kept as proof (version
 * and SHA-256 of the text read), and a box left unticked takes it back.
 */
final class CguStep implements StepHandler {

	static final String FIELD = "cguAccepted";

	@Override
	public StepType type() {
		return StepType.CGU;
	}

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		return List.of();
	}

	@Override
	public void take(StepContext step, Map<String, String> typed, StepErrors errors) {
		if (typed.get(FIELD) != null) {
			step.draft().acceptCgu(step.tenant().terms().version(), step.tenant().terms().sha256(), step.now());
		}
		else {
			step.draft().withdrawCgu();
		}
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
		if (step.draft().getCguAcceptedAt() == null) {
			errors.add(new FieldError(FIELD, "cgu", List.of()));
		}
	}

}
