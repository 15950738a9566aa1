package fr.espacecommun.admin.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The password policy form as typed: every value kept as text so that a refused form
 * comes back as it was, and the checks the tenant files also apply (minimum length of at
 * least 8, maximum not below the minimum, class minimums within the minimum length).
 */
final class PasswordPolicyForm {

	/** The numbers of the form, in the order of the page. */
	static final List<String> NUMBERS = List.of("minLength", "maxLength", "minLowercase", "minUppercase", "minDigits",
			"minSpecialChars");

	/** The platform's floor, as in the tenant files' rule {@code password.min-length}. */
	static final int MIN_LENGTH = 8;

	/** Nobody types longer passwords; larger numbers are typing mistakes. */
	static final int LARGEST = 1024;

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

	private final Map<String, String> values;

	private final boolean notUsername;

	private final boolean notEmail;

	private final boolean confirmWeak;

	private PasswordPolicyForm(Map<String, String> values, boolean notUsername, boolean notEmail, boolean confirmWeak) {
		this.values = values;
		this.notUsername = notUsername;
		this.notEmail = notEmail;
		this.confirmWeak = confirmWeak;
	}

	/** The form filled with the policy served now. */
	static PasswordPolicyForm of(PasswordPolicy policy) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("minLength", Integer.toString(policy.minLength()));
		values.put("maxLength", Integer.toString(policy.maxLength()));
		values.put("minLowercase", Integer.toString(policy.minLowercase()));
		values.put("minUppercase", Integer.toString(policy.minUppercase()));
		values.put("minDigits", Integer.toString(policy.minDigits()));
		values.put("minSpecialChars", Integer.toString(policy.minSpecialChars()));
		return new PasswordPolicyForm(values, policy.notUsername(), policy.notEmail(), false);
	}

	/** The form as posted; a checkbox is checked when its parameter is present. */
	static PasswordPolicyForm posted(Map<String, String> parameters) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : NUMBERS) {
			String value = parameters.getOrDefault(name, "");
			values.put(name, value.length() > 20 ? value.substring(0, 20) : value);
		}
		return new PasswordPolicyForm(values, parameters.containsKey("notUsername"), parameters.containsKey("notEmail"),
				parameters.containsKey("confirmWeak"));
	}

	/** What was typed in a number field. */
	public String value(String name) {
		return this.values.getOrDefault(name, "");
	}

	public boolean notUsername() {
		return this.notUsername;
	}

	public boolean notEmail() {
		return this.notEmail;
	}

	public boolean confirmWeak() {
		return this.confirmWeak;
	}

	/**
	 * Checks the form.
	 * @return the policy, or the errors by field name, each a message code and its
	 * arguments
	 */
	Checked check() {
		Map<String, Problem> errors = new LinkedHashMap<>();
		Map<String, Integer> numbers = new LinkedHashMap<>();
		for (String name : NUMBERS) {
			String value = value(name).strip();
			if (value.isEmpty()) {
				errors.put(name, new Problem("required"));
			}
			else if (!DIGITS.matcher(value).matches()) {
				errors.put(name, new Problem("number"));
			}
			else if (Integer.parseInt(value) > LARGEST) {
				errors.put(name, new Problem("tooLarge", LARGEST));
			}
			else {
				numbers.put(name, Integer.parseInt(value));
			}
		}
		Integer min = numbers.get("minLength");
		Integer max = numbers.get("maxLength");
		if (min != null && min < MIN_LENGTH) {
			errors.put("minLength", new Problem("minLength", MIN_LENGTH));
		}
		if (min != null && max != null && max < min && !errors.containsKey("maxLength")) {
			errors.put("maxLength", new Problem("maxLength", min));
		}
		if (errors.isEmpty()) {
			int counts = numbers.get("minLowercase") + numbers.get("minUppercase") + numbers.get("minDigits")
					+ numbers.get("minSpecialChars");
			// as the file rule password.counts: the wording would otherwise state a
			// minimum length no password can have
			if (counts > min) {
				errors.put("minLength", new Problem("counts", counts, min));
			}
		}
		if (!errors.isEmpty()) {
			return new Checked(null, errors);
		}
		return new Checked(
				new PasswordPolicy(min, max, numbers.get("minLowercase"), numbers.get("minUppercase"),
						numbers.get("minDigits"), numbers.get("minSpecialChars"), this.notUsername, this.notEmail),
				errors);
	}

	/**
	 * One refused value.
	 *
	 * @param code the message code's last part
	 * @param arguments its arguments
	 */
	record Problem(String code, Object... arguments) {
	}

	/**
	 * The outcome of a check.
	 *
	 * @param policy the policy, when every value is acceptable
	 * @param errors the refused values by field name, in page order
	 */
	record Checked(@Nullable PasswordPolicy policy, Map<String, Problem> errors) {
	}

}
