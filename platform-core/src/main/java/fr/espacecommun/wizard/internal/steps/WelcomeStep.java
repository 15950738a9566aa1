package fr.espacecommun.wizard.internal.steps;

import java.util.List;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.WizardField;

/** Bienvenue: the commune's words before the wizard; nothing to fill in. */
final class WelcomeStep implements StepHandler {

	@Override
	public StepType type() {
		return StepType.WELCOME;
	}

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		return List.of();
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
	}

}
