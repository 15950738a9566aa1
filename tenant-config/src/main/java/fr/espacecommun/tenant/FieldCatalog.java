package fr.espacecommun.tenant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every wizard field a tenant may configure, and the step that collects it.
 */
public final class FieldCatalog {

	// Insertion order is the order fields appear on their step's page.
	private static final Map<String, StepType> STEP_BY_FIELD = build();

	private FieldCatalog() {
	}

	private static Map<String, StepType> build() {
		Map<String, StepType> fields = new LinkedHashMap<>();
		put(fields, StepType.ACCOUNT_TYPE, "organisationName", "siret", "rna");
		put(fields, StepType.IDENTITY, "civility", "lastName", "birthName", "firstNames", "birthDate", "birthCountry",
				"birthDepartment", "birthCity", "photo");
		put(fields, StepType.ADDRESS, "addressSearch", "streetNumber", "streetName", "building", "apartment",
				"complement", "postalCode", "city", "country");
		put(fields, StepType.CONTACT, "phone", "mobile", "fax", "email", "preferredContact");
		put(fields, StepType.CREDENTIALS, "username");
		return Collections.unmodifiableMap(fields);
	}

	private static void put(Map<String, StepType> fields, StepType step, String... ids) {
		for (String id : ids) {
			fields.put(id, step);
		}
	}

	/** Every field id, in page order. */
	public static Set<String> ids() {
		return STEP_BY_FIELD.keySet();
	}

	/** The step that collects this field. */
	public static Optional<StepType> stepOf(String fieldId) {
		return Optional.ofNullable(STEP_BY_FIELD.get(fieldId));
	}

	/** The fields a step collects, in page order. */
	public static List<String> fieldsOf(StepType step) {
		return STEP_BY_FIELD.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == step)
			.map(Map.Entry::getKey)
			.toList();
	}

}
