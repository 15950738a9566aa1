package fr.espacecommun.wizard.internal.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.tenant.FieldKind;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.WizardField;
import fr.espacecommun.wizard.internal.WizardDraft;

/**
 * A step that asks fields of the catalogue, as the tenant labels and requires them: each
 * typed value is kept in the draft (normalised when valid, as typed otherwise) and
 * checked by {@link FieldRules} from the draft, so the page and the recheck before
 * submission apply the same rules to the same values.
 */
abstract class FieldsStep implements StepHandler {

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		List<WizardField> fields = new ArrayList<>();
		for (CitizenField field : FieldCatalog.fieldsOf(type())) {
			Optional<FieldRule> rule = tenant.field(field.id());
			// the wizard stores no file: a photo is added from Mon espace
			if (rule.isPresent() && rule.get().requirement() != Requirement.HIDDEN && field.kind() != FieldKind.PHOTO) {
				fields.add(WizardField.of(field, rule.get().label(), rule.get().requirement() == Requirement.REQUIRED));
			}
		}
		return fields;
	}

	/** The fields asked of this citizen: the step's, unless a step narrows them. */
	List<WizardField> asked(StepContext step) {
		return step.step().fields();
	}

	@Override
	public void take(StepContext step, Map<String, String> typed, StepErrors errors) {
		WizardDraft draft = step.draft();
		List<WizardField> asked = asked(step);
		// as typed first, so that a check depending on another value of the page (the
		// country of a postal code) reads the one just typed
		for (WizardField field : asked) {
			draft.putValue(field.id(), FieldRules.bounded(field, typed.get(field.id())));
		}
		for (WizardField field : asked) {
			FieldRules.Result result = FieldRules.check(field, typed.get(field.id()), step.fieldContext());
			if (result.error().isEmpty()) {
				draft.putValue(field.id(), result.value());
			}
		}
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
		for (WizardField field : asked(step)) {
			FieldRules.check(field, step.draft().value(field.id()), step.fieldContext()).error().ifPresent(errors::add);
		}
	}

	@Override
	public void keep(StepContext step, Map<String, String> typed) {
		for (WizardField field : step.step().fields()) {
			if (typed.containsKey(field.id())) {
				step.draft().putValue(field.id(), FieldRules.bounded(field, typed.get(field.id())));
			}
		}
	}

	@Override
	public Map<String, String> submitted(StepContext step) {
		Map<String, String> values = new LinkedHashMap<>();
		for (WizardField field : asked(step)) {
			String value = step.draft().value(field.id());
			if (!value.isBlank()) {
				values.put(field.id(), value);
			}
		}
		return values;
	}

}
