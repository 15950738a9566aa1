package fr.espacecommun.wizard.internal.steps;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import fr.espacecommun.wizard.internal.WizardDraft;
import org.jspecify.annotations.Nullable;

/**
 * The handler of each step type. Handlers hold no state (what a request needs comes in
 * its {@link StepContext}), so one of each serves every tenant.
 */
public final class Steps {

	private static final Map<StepType, StepHandler> HANDLERS = handlers(
			List.of(new WelcomeStep(), new AccountTypeStep(), new ConsentStep(), new CguStep(), new IdentityStep(),
					new AddressStep(), new ContactStep(), new CredentialsStep(), new ServiceKeysStep(),
					new SecurityCheckStep(), new ConfirmationStep()));

	private Steps() {
	}

	/** The handler of a step type. */
	public static StepHandler of(StepType type) {
		return HANDLERS.get(type);
	}

	/**
	 * Rechercher without JavaScript: the address suggestions for what the step's form
	 * holds, when the step has an address search; null for other steps.
	 */
	public static @Nullable List<AddressSuggestion> search(StepContext step, Map<String, String> typed,
			StepErrors errors) {
		return (of(step.step().type()) instanceof AddressStep address) ? address.search(step, typed, errors) : null;
	}

	/** The username the account will have: the e-mail address, or the one chosen. */
	public static String username(TenantDefinition tenant, WizardDraft draft) {
		return (tenant.usernameMode() == UsernameMode.EMAIL) ? draft.value(ContactStep.EMAIL)
				: draft.value(CredentialsStep.USERNAME);
	}

	private static Map<StepType, StepHandler> handlers(List<StepHandler> handlers) {
		Map<StepType, StepHandler> byType = new EnumMap<>(StepType.class);
		for (StepHandler handler : handlers) {
			if (byType.put(handler.type(), handler) != null) {
				throw new IllegalStateException("Two handlers for step type " + handler.type());
			}
		}
		for (StepType type : StepType.values()) {
			if (!byType.containsKey(type)) {
				throw new IllegalStateException("No handler for step type " + type.yamlName());
			}
		}
		return byType;
	}

}
