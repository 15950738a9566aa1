package fr.espacecommun.tenant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Every citizen field, declared once: the step that collects it, what it holds, how long
 * it may be, who keeps it (Keycloak or the commune's profile table), the name it has in a
 * citizen's data export and whether the citizen may change it in Mon espace. The tenant
 * schema's field list, the profile's columns, the wizard's inputs, the staff's field page
 * and the RGPD export follow from it (checked by {@code FieldCatalogTests} and the
 * platform's field-registry test).
 */
public final class FieldCatalog {

	// Insertion order is the order fields appear on their step's page.
	private static final Map<String, CitizenField> FIELDS = build();

	private FieldCatalog() {
	}

	private static Map<String, CitizenField> build() {
		Map<String, CitizenField> fields = new LinkedHashMap<>();
		StepType step = StepType.ACCOUNT_TYPE;
		profile(fields, step, "organisationName", FieldKind.TEXT, 200, "organization", "organisation_name");
		profile(fields, step, "siret", FieldKind.SIRET, 20, "off", "siret");
		profile(fields, step, "rna", FieldKind.RNA, 12, "off", "rna");
		step = StepType.IDENTITY;
		profile(fields, step, "civility", FieldKind.CIVILITY, 20, "honorific-prefix", "civility");
		keycloak(fields, step, "lastName", FieldKind.TEXT, 100, "family-name", "lastName");
		profile(fields, step, "birthName", FieldKind.TEXT, 100, "off", "birth_name");
		keycloak(fields, step, "firstNames", FieldKind.TEXT, 150, "given-name", "firstName");
		profile(fields, step, "birthDate", FieldKind.BIRTH_DATE, 10, "bday", "birth_date");
		profile(fields, step, "birthCountry", FieldKind.TEXT, 100, "off", "birth_country");
		profile(fields, step, "birthDepartment", FieldKind.DEPARTMENT, 3, "off", "birth_department");
		profile(fields, step, "birthCity", FieldKind.TEXT, 100, "off", "birth_city");
		// listed by every guide; not collected by the wizard, added later in Mon espace
		add(fields, new CitizenField("photo", step, FieldKind.PHOTO, 0, "off", Keeper.NOBODY, null, null, false));
		step = StepType.ADDRESS;
		profile(fields, step, "addressSearch", FieldKind.ADDRESS_SEARCH, 200, "street-address", "address_label");
		profile(fields, step, "streetNumber", FieldKind.TEXT, 20, "off", "street_number");
		profile(fields, step, "streetName", FieldKind.TEXT, 200, "address-line1", "street_name");
		profile(fields, step, "building", FieldKind.TEXT, 60, "address-line2", "building");
		profile(fields, step, "apartment", FieldKind.TEXT, 60, "address-line3", "apartment");
		profile(fields, step, "complement", FieldKind.TEXT, 200, "off", "complement");
		profile(fields, step, "postalCode", FieldKind.POSTAL_CODE, 10, "postal-code", "postal_code");
		profile(fields, step, "city", FieldKind.TEXT, 100, "address-level2", "city");
		profile(fields, step, "country", FieldKind.TEXT, 100, "country-name", "country");
		step = StepType.CONTACT;
		editable(fields, step, "phone", FieldKind.PHONE, 30, "tel", "phone");
		editable(fields, step, "mobile", FieldKind.PHONE, 30, "tel", "mobile");
		editable(fields, step, "fax", FieldKind.PHONE, 30, "off", "fax");
		keycloak(fields, step, "email", FieldKind.EMAIL, 254, "email", "email");
		editable(fields, step, "preferredContact", FieldKind.PREFERRED_CONTACT, 20, "off", "preferred_contact");
		keycloak(fields, StepType.CREDENTIALS, "username", FieldKind.USERNAME, 50, "username", "username");
		return Collections.unmodifiableMap(fields);
	}

	private static void profile(Map<String, CitizenField> fields, StepType step, String id, FieldKind kind,
			int maxLength, String autocomplete, String column) {
		add(fields, new CitizenField(id, step, kind, maxLength, autocomplete, Keeper.PROFILE, column, column, false));
	}

	/** A profile field the citizen changes in Mon espace. */
	private static void editable(Map<String, CitizenField> fields, StepType step, String id, FieldKind kind,
			int maxLength, String autocomplete, String column) {
		add(fields, new CitizenField(id, step, kind, maxLength, autocomplete, Keeper.PROFILE, column, column, true));
	}

	private static void keycloak(Map<String, CitizenField> fields, StepType step, String id, FieldKind kind,
			int maxLength, String autocomplete, String exportName) {
		add(fields,
				new CitizenField(id, step, kind, maxLength, autocomplete, Keeper.KEYCLOAK, null, exportName, false));
	}

	private static void add(Map<String, CitizenField> fields, CitizenField field) {
		fields.put(field.id(), field);
	}

	/** Every field, in page order. */
	public static List<CitizenField> all() {
		return List.copyOf(FIELDS.values());
	}

	/** Every field id, in page order. */
	public static Set<String> ids() {
		return FIELDS.keySet();
	}

	/** The field with this id. */
	public static Optional<CitizenField> field(String fieldId) {
		return Optional.ofNullable(FIELDS.get(fieldId));
	}

	/** The step that collects this field. */
	public static Optional<StepType> stepOf(String fieldId) {
		return field(fieldId).map(CitizenField::step);
	}

	/** The fields a step collects, in page order. */
	public static List<CitizenField> fieldsOf(StepType step) {
		return FIELDS.values().stream().filter((field) -> field.step() == step).toList();
	}

	/** The fields kept in the commune's profile table, in page order. */
	public static List<CitizenField> profileFields() {
		return FIELDS.values().stream().filter((field) -> field.keeper() == Keeper.PROFILE).toList();
	}

	/**
	 * One citizen field.
	 *
	 * @param id the field id, as tenant files and forms name it ({@code birthDate})
	 * @param step the wizard step that collects it
	 * @param kind what it holds, which decides its input and its checks
	 * @param maxLength the longest value accepted as typed
	 * @param autocomplete the HTML autocomplete token (WCAG 1.3.5)
	 * @param keeper who stores it
	 * @param column its column in the profile table ({@code citizen_profile}), null when
	 * Keycloak keeps it
	 * @param exportName its name in a citizen's data export: the profile's column, or the
	 * Keycloak attribute; null when nothing is stored
	 * @param citizenEditable whether the citizen changes it in Mon espace
	 */
	public record CitizenField(String id, StepType step, FieldKind kind, int maxLength, String autocomplete,
			Keeper keeper, @Nullable String column, @Nullable String exportName, boolean citizenEditable) {

		/** Whether the realm holds it for every account (names, e-mail, username). */
		public boolean keptByKeycloak() {
			return this.keeper == Keeper.KEYCLOAK;
		}

	}

	/** Who stores a field's value. */
	public enum Keeper {

		/**
		 * The commune's Keycloak realm: username, e-mail and names, which every account
		 * needs (Keycloak's user profile asks for them at sign-in).
		 */
		KEYCLOAK,
		/** The commune's profile table, one column per field. */
		PROFILE,
		/** Not stored from the wizard (the photo, added later). */
		NOBODY

	}

}
