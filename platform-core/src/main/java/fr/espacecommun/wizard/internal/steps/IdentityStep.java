package fr.espacecommun.wizard.internal.steps;

import fr.espacecommun.tenant.StepType;

/** Identité: civility, names, birth; the catalogue's identity fields the commune asks. */
final class IdentityStep extends FieldsStep {

	@Override
	public StepType type() {
		return StepType.IDENTITY;
	}

}
