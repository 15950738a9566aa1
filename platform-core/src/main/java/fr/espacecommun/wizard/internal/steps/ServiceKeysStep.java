package fr.espacecommun.wizard.internal.steps;

import java.util.List;

import fr.espacecommun.tenant.FieldKind;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.WizardField;

/**
 * Services: the commune's service keys ("clé Enfance"), each checked against the
 * commune's pattern and kept upper-case.
 */
final class ServiceKeysStep extends FieldsStep {

	/** Longest key accepted as typed. */
	static final int MAX_LENGTH = 50;

	@Override
	public StepType type() {
		return StepType.SERVICE_KEYS;
	}

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		return tenant.serviceKeys()
			.stream()
			.map((key) -> new WizardField(WizardField.SERVICE_KEY_PREFIX + key.id(), key.label(), key.required(),
					FieldKind.TEXT, MAX_LENGTH, "off", key.pattern(), key.example(),
					(key.help() != null) ? key.help() : ""))
			.toList();
	}

}
