package fr.espacecommun.wizard;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import fr.espacecommun.tenant.KeyFormat;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.jspecify.annotations.Nullable;

/**
 * Server-side checks of one field value. Every check trims first, refuses control
 * characters and values over the field's maximum length, then applies the field's kind.
 */
public final class FieldRules {

	static final Set<String> CIVILITIES = Set.of("Madame", "Monsieur");

	/** The preferred contact methods a citizen may choose. */
	public static final Set<String> CONTACT_METHODS = Set.of("courriel", "telephone", "mobile", "courrier");

	// national (0X XX XX XX XX) or international (+33 / 0033) form of a French number;
	// separators are removed first
	private static final Pattern FRENCH_PHONE = Pattern.compile("(?:0|\\+33|0033)[1-9][0-9]{8}");

	// overseas departments dialled from abroad (+262 La Réunion, +590 Guadeloupe…)
	private static final Pattern OVERSEAS_PHONE = Pattern.compile("\\+(?:262|269|508|590|594|596|687|689)[0-9]{9}");

	private static final Pattern FRENCH_POSTAL_CODE = Pattern.compile("(?:0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3}");

	private static final Pattern OTHER_POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,9}");

	private static final Pattern DEPARTMENT = Pattern.compile("0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-8]|98[4-9]|99");

	private static final Pattern SIRET = Pattern.compile("[0-9]{14}");

	// W and 9 characters: digits, Corsica's registries writing 2A / 2B
	private static final Pattern RNA = Pattern.compile("W[0-9]{9}|W2[AB][0-9]{7}");

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,50}");

	private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);

	/**
	 * Fields Keycloak keeps as person names (first name, last name) and the birth name.
	 */
	private static final Set<String> PERSON_NAMES = Set.of("lastName", "birthName", "firstNames");

	// Keycloak's person-name-prohibited-characters validator refuses these in first and
	// last names: accepting them here would fail the registration on its last step
	private static final Pattern PERSON_NAME_PROHIBITED = Pattern.compile("[<>&\"$%!#?§;*~/\\\\|^=\\[\\]{}()]");

	// explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E,
	// U+2066–U+2069): they make a name read differently from what is stored
	private static final Pattern BIDI_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

	/** Characters of an invalid value a draft keeps, whatever the field's maximum. */
	private static final int KEPT_AT_LEAST = 256;

	private FieldRules() {
	}

	/**
	 * The value as the draft keeps it before it is checked: as typed (normalised,
	 * trimmed), cut well past the field's maximum (twice it, 256 characters at least), so
	 * that checking it again finds what checking the typed value found (too long, control
	 * characters) and no request can store more.
	 */
	public static String bounded(WizardField field, @Nullable String raw) {
		if (raw == null) {
			return "";
		}
		String value = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
		int max = Math.max(field.maxLength() * 2, KEPT_AT_LEAST);
		return (value.length() > max) ? value.substring(0, max) : value;
	}

	/**
	 * Checks a value.
	 * @param field the field
	 * @param raw what the citizen typed
	 * @param context other values of the page the check depends on
	 * @return the normalised value, or the error
	 */
	public static Result check(WizardField field, @Nullable String raw, Context context) {
		String value = (raw != null) ? Normalizer.normalize(raw, Normalizer.Form.NFC).strip() : "";
		if (hasControlCharacters(value)) {
			return Result.error(FieldError.of(field, "control"));
		}
		if (value.length() > field.maxLength()) {
			return Result.error(FieldError.of(field, "tooLong", field.maxLength()));
		}
		if (PERSON_NAMES.contains(field.id()) && PERSON_NAME_PROHIBITED.matcher(value).find()) {
			return Result.error(FieldError.of(field, "personName"));
		}
		if (value.isEmpty()) {
			return field.required() ? Result.error(FieldError.of(field, "required")) : Result.ok("");
		}
		if (!field.pattern().isEmpty()) {
			String key = value.toUpperCase(Locale.ROOT);
			// the tenant's format runs in linear time (RE2/J), whatever the file declares
			return KeyFormat.of(field.pattern()).matches(key) ? Result.ok(key)
					: Result.error(FieldError.of(field, "serviceKey", field.example()));
		}
		return switch (field.kind()) {
			case CIVILITY ->
				CIVILITIES.contains(value) ? Result.ok(value) : Result.error(FieldError.of(field, "choice"));
			case PREFERRED_CONTACT ->
				CONTACT_METHODS.contains(value) ? Result.ok(value) : Result.error(FieldError.of(field, "choice"));
			case BIRTH_DATE -> birthDate(field, value, context.today());
			case DEPARTMENT -> DEPARTMENT.matcher(value.toUpperCase(Locale.ROOT)).matches()
					? Result.ok(value.toUpperCase(Locale.ROOT)) : Result.error(FieldError.of(field, "department"));
			case POSTAL_CODE -> postalCode(field, value, context.country());
			case PHONE -> isFrenchPhone(value) ? Result.ok(value) : Result.error(FieldError.of(field, "phone"));
			case EMAIL -> EmailValidator.getInstance(false, false).isValid(value) ? Result.ok(value)
					: Result.error(FieldError.of(field, "email"));
			case SIRET -> siret(field, value);
			case RNA -> RNA.matcher(value.toUpperCase(Locale.ROOT).replace(" ", "")).matches()
					? Result.ok(value.toUpperCase(Locale.ROOT).replace(" ", ""))
					: Result.error(FieldError.of(field, "rna"));
			case USERNAME ->
				USERNAME.matcher(value).matches() ? Result.ok(value) : Result.error(FieldError.of(field, "username"));
			default -> Result.ok(value);
		};
	}

	/**
	 * The wizard's check of one value that comes from elsewhere (a staff import), with
	 * the same rules and messages as the wizard's pages.
	 * @param field the field
	 * @param raw the value read
	 * @param today the current day (Europe/Paris)
	 * @return the normalised value, or the error
	 */
	public static Result checkValue(WizardField field, @Nullable String raw, LocalDate today) {
		return check(field, raw, new Context(today, ""));
	}

	/**
	 * Whether the text holds control characters or bidirectional overrides (never
	 * accepted from a citizen).
	 */
	public static boolean hasControlCharacters(String value) {
		return value.codePoints().anyMatch((c) -> Character.getType(c) == Character.CONTROL)
				|| BIDI_CONTROLS.matcher(value).find();
	}

	/** Whether the text is a French phone number, metropolitan or overseas. */
	public static boolean isFrenchPhone(String value) {
		String digits = value.replace("(0)", "").replaceAll("[\\s.\\-/]", "");
		return FRENCH_PHONE.matcher(digits).matches() || OVERSEAS_PHONE.matcher(digits).matches();
	}

	/**
	 * SIRET: 14 digits whose Luhn key is right; La Poste's establishments (SIREN
	 * 356000000) may instead have a sum of digits divisible by 5.
	 */
	static boolean isValidSiret(String value) {
		String digits = value.replaceAll("\\s", "");
		if (!SIRET.matcher(digits).matches()) {
			return false;
		}
		if (LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits)) {
			return true;
		}
		return digits.startsWith("356000000") && digits.chars().map((c) -> c - '0').sum() % 5 == 0;
	}

	private static Result siret(WizardField field, String value) {
		String digits = value.replaceAll("\\s", "");
		if (!SIRET.matcher(digits).matches()) {
			return Result.error(FieldError.of(field, "siretFormat"));
		}
		return isValidSiret(digits) ? Result.ok(digits) : Result.error(FieldError.of(field, "siretKey"));
	}

	private static Result birthDate(WizardField field, String value, LocalDate today) {
		LocalDate date = parseDate(value);
		if (date == null) {
			return Result.error(FieldError.of(field, "date"));
		}
		if (!date.isBefore(today) || date.isBefore(OLDEST_BIRTH)) {
			return Result.error(FieldError.of(field, "birthDate"));
		}
		return Result.ok(date.toString());
	}

	static @Nullable LocalDate parseDate(String value) {
		try {
			return value.contains("/") ? LocalDate.parse(value, FRENCH_DATE) : LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Result postalCode(WizardField field, String value, String country) {
		boolean france = country.isBlank() || country.strip().equalsIgnoreCase("france");
		if (france) {
			String digits = value.replace(" ", "");
			return FRENCH_POSTAL_CODE.matcher(digits).matches() ? Result.ok(digits)
					: Result.error(FieldError.of(field, "postalCode"));
		}
		return OTHER_POSTAL_CODE.matcher(value).matches() ? Result.ok(value)
				: Result.error(FieldError.of(field, "postalCodeAbroad"));
	}

	/**
	 * What a check may need beyond the value.
	 *
	 * @param today the current day (Europe/Paris)
	 * @param country the country typed on the same page, empty if none
	 */
	public record Context(LocalDate today, String country) {

	}

	/**
	 * Outcome of a check.
	 *
	 * @param value the normalised value (when valid)
	 * @param error the error, if refused
	 */
	public record Result(String value, Optional<FieldError> error) {

		static Result ok(String value) {
			return new Result(value, Optional.empty());
		}

		static Result error(FieldError error) {
			return new Result("", Optional.of(error));
		}

	}

}
