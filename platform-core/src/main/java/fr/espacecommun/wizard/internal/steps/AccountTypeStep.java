package fr.espacecommun.wizard.internal.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.AccountType;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardField;

/**
 * Type de compte (CCVE: personnel, association, entreprise): the kind of account, one the
 * commune offers, and the fields that kind asks for, required or not as the tenant file
 * declares it (a company's SIRET). Fields another kind asks for are not kept.
 */
final class AccountTypeStep extends FieldsStep {

	static final String FIELD = "accountType";

	@Override
	public StepType type() {
		return StepType.ACCOUNT_TYPE;
	}

	/** Every field some kind of account asks for, as labelled; required per kind. */
	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		List<WizardField> fields = new ArrayList<>();
		for (CitizenField field : FieldCatalog.fieldsOf(type())) {
			Optional<FieldRule> rule = tenant.field(field.id());
			boolean asked = tenant.accountTypes().stream().anyMatch((accountType) -> accountType.asks(field.id()));
			if (rule.isPresent() && asked) {
				fields.add(WizardField.of(field, rule.get().label(), false));
			}
		}
		return fields;
	}

	/** The fields the draft's kind of account asks for; none when it chose none. */
	@Override
	List<WizardField> asked(StepContext step) {
		Optional<AccountType> chosen = step.tenant().accountType(step.draft().getAccountType());
		if (chosen.isEmpty()) {
			return List.of();
		}
		return step.step()
			.fields()
			.stream()
			.filter((field) -> chosen.get().asks(field.id()))
			.map((field) -> field.required(chosen.get().requires(field.id())))
			.toList();
	}

	@Override
	public void take(StepContext step, Map<String, String> typed, StepErrors errors) {
		choose(step, typed);
		super.take(step, typed, errors);
		List<String> asked = asked(step).stream().map(WizardField::id).toList();
		for (WizardField field : step.step().fields()) {
			if (!asked.contains(field.id())) {
				// not asked of this kind of account: nothing kept
				step.draft().putValue(field.id(), "");
			}
		}
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
		if (step.tenant().accountType(step.draft().getAccountType()).isEmpty()) {
			errors.add(new FieldError(FIELD, "accountType", List.of()));
			return;
		}
		super.check(step, errors);
	}

	@Override
	public void keep(StepContext step, Map<String, String> typed) {
		choose(step, typed);
		super.keep(step, typed);
	}

	/** Takes the kind of account sent, if the commune offers it. */
	private static void choose(StepContext step, Map<String, String> typed) {
		String sent = typed.getOrDefault(FIELD, "").strip();
		if (step.tenant().accountType(sent).isPresent()) {
			step.draft().setAccountType(sent);
		}
	}

}
