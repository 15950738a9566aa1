package fr.espacecommun.wizard.internal.steps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardField;

/**
 * Adresse: the address search (Géoplateforme, with or without JavaScript) and the address
 * fields the commune asks; a suggestion chosen without JavaScript fills them.
 */
final class AddressStep extends FieldsStep {

	static final String SEARCH = "addressSearch";

	static final String CHOICE = "addressChoice";

	@Override
	public StepType type() {
		return StepType.ADDRESS;
	}

	@Override
	public void take(StepContext step, Map<String, String> typed, StepErrors errors) {
		super.take(step, withChoice(step, typed), errors);
	}

	/**
	 * Rechercher without JavaScript: keeps what was typed, and offers the addresses
	 * matching the search text, or says why there are none.
	 */
	List<AddressSuggestion> search(StepContext step, Map<String, String> typed, StepErrors errors) {
		keep(step, typed);
		Optional<WizardField> field = step.step().fields().stream().filter((f) -> f.id().equals(SEARCH)).findFirst();
		if (field.isEmpty()) {
			return List.of();
		}
		String query = step.draft().value(SEARCH);
		if (query.length() < 3) {
			errors.add(FieldError.of(field.get(), "addressQuery"));
			return List.of();
		}
		List<AddressSuggestion> suggestions = step.services().suggest(query);
		if (suggestions.isEmpty()) {
			errors.add(FieldError.of(field.get(), "addressNone"));
		}
		return suggestions;
	}

	/** The form with the address fields of the suggestion chosen without JavaScript. */
	private static Map<String, String> withChoice(StepContext step, Map<String, String> typed) {
		String choice = typed.getOrDefault(CHOICE, "");
		if (choice.isBlank()) {
			return typed;
		}
		int index;
		try {
			index = Integer.parseInt(choice.strip());
		}
		catch (NumberFormatException ex) {
			return typed;
		}
		List<AddressSuggestion> suggestions = step.services().suggest(typed.getOrDefault(SEARCH, ""));
		if (index < 0 || index >= suggestions.size()) {
			return typed;
		}
		AddressSuggestion chosen = suggestions.get(index);
		Map<String, String> filled = new LinkedHashMap<>(typed);
		filled.put(SEARCH, chosen.label());
		filled.put("streetNumber", chosen.houseNumber());
		filled.put("streetName", chosen.street());
		filled.put("postalCode", chosen.postcode());
		filled.put("city", chosen.city());
		if (filled.getOrDefault("country", "").isBlank()) {
			filled.put("country", "France");
		}
		return filled;
	}

}
