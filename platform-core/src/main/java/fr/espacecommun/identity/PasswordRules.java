package fr.espacecommun.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Checks a password against a tenant's rules, rule by rule, with the commune's own French
 * wording ("Le mot de passe doit contenir au minimum 8 caractère(s) dont au moins : 1
 * minuscule(s), 1 chiffre(s)"). Agrees with Keycloak's policy on every password.
 * <p>
 * Each rule copies the Keycloak 26 policy provider of the same name
 * ({@code org.keycloak.policy.*PasswordPolicyProvider}), quirks included, so that the
 * wizard never accepts a password Keycloak then refuses:
 * <ul>
 * <li>lengths count UTF-16 {@code char}s ({@link String#length()}), not code points: an
 * emoji outside the Basic Multilingual Plane counts for two;</li>
 * <li>lower case, upper case and digits are {@link Character#isLowerCase(char)},
 * {@link Character#isUpperCase(char)} and {@link Character#isDigit(char)}: "é" is a
 * lower-case letter, "É" an upper-case one, "٣" (Arabic-Indic three) a digit;</li>
 * <li>a special character is any {@code char} that is not a letter or a digit
 * ({@link Character#isLetterOrDigit(char)}): punctuation, but also a space, a combining
 * accent, and each half of an emoji;</li>
 * <li>the password may not equal the username nor the e-mail address, ignoring case
 * ({@link String#equalsIgnoreCase(String)}); Keycloak compares with the values it stores,
 * which it has put in lower case.</li>
 * </ul>
 * Keycloak reads these properties from the JDK it runs on: both sides agree as long as
 * the two JDKs share a Unicode version, which only matters for characters added recently.
 */
public final class PasswordRules {

	/**
	 * Maxima from this length up are not stated in the wording: nobody types such a
	 * password, and the communes' own sentences leave them out.
	 */
	static final int UNSTATED_MAX_LENGTH = 128;

	/** The words of the rules ({@code identity/password-rules_fr.properties}). */
	private static final ResourceBundle WORDS = ResourceBundle.getBundle("identity.password-rules", Locale.FRENCH);

	private PasswordRules() {
	}

	/** Every rule of the policy, each met or not by this password. */
	public static PasswordCheck check(PasswordPolicy policy, String password, @Nullable String username,
			@Nullable String email) {
		Objects.requireNonNull(password, "password");
		List<Rule> rules = new ArrayList<>();
		if (policy.minLength() > 0) {
			rules.add(new Rule("length", minLengthLabel(policy), password.length() >= policy.minLength()));
		}
		if (policy.maxLength() > 0) {
			rules.add(new Rule("maxLength", maxLengthLabel(policy), password.length() <= policy.maxLength()));
		}
		addCount(rules, "lowercase", policy.minLowercase(), lowercaseLabel(policy.minLowercase()), password,
				Character::isLowerCase);
		addCount(rules, "uppercase", policy.minUppercase(), uppercaseLabel(policy.minUppercase()), password,
				Character::isUpperCase);
		addCount(rules, "digits", policy.minDigits(), digitsLabel(policy.minDigits()), password, Character::isDigit);
		addCount(rules, "special", policy.minSpecialChars(), specialLabel(policy.minSpecialChars()), password,
				(c) -> !Character.isLetterOrDigit(c));
		if (policy.notUsername()) {
			rules.add(new Rule("notUsername", word("rule.notUsername", ""), !sameIgnoringCase(username, password)));
		}
		if (policy.notEmail()) {
			rules.add(new Rule("notEmail", word("rule.notEmail", ""), !sameIgnoringCase(email, password)));
		}
		return new PasswordCheck(rules);
	}

	/** The policy in the commune's wording, shown under the password field. */
	public static String wording(PasswordPolicy policy) {
		StringBuilder sentence = new StringBuilder(word("wording.start", ""));
		if (policy.minLength() > 0) {
			sentence.append(' ').append(minLengthLabel(policy));
		}
		if (policy.maxLength() > 0 && policy.maxLength() < UNSTATED_MAX_LENGTH) {
			sentence.append((policy.minLength() > 0) ? " " + word("wording.and", "") + " " : " ")
				.append(maxLengthLabel(policy));
		}
		List<String> counts = new ArrayList<>();
		if (policy.minLowercase() > 0) {
			counts.add(lowercaseLabel(policy.minLowercase()));
		}
		if (policy.minUppercase() > 0) {
			counts.add(uppercaseLabel(policy.minUppercase()));
		}
		if (policy.minDigits() > 0) {
			counts.add(digitsLabel(policy.minDigits()));
		}
		if (policy.minSpecialChars() > 0) {
			counts.add(specialLabel(policy.minSpecialChars()));
		}
		if (!counts.isEmpty()) {
			sentence.append(' ').append(word("wording.counts", "")).append(' ').append(String.join(", ", counts));
		}
		return sentence.toString();
	}

	private static void addCount(List<Rule> rules, String id, int minimum, String label, String password,
			CharTest counted) {
		if (minimum <= 0) {
			return;
		}
		int count = 0;
		// char by char, as Keycloak does: a surrogate pair is two chars, neither a letter
		for (int i = 0; i < password.length(); i++) {
			if (counted.test(password.charAt(i))) {
				count++;
			}
		}
		rules.add(new Rule(id, label, count >= minimum));
	}

	// Keycloak stores usernames and e-mail addresses in lower case, then compares
	// ignoring case; lowering first matters for the few letters whose lower case is
	// longer ("İ")
	private static boolean sameIgnoringCase(@Nullable String value, String password) {
		return value != null && value.toLowerCase(Locale.ROOT).equalsIgnoreCase(password);
	}

	private static String minLengthLabel(PasswordPolicy policy) {
		return word("rule.length", policy.minLength());
	}

	private static String maxLengthLabel(PasswordPolicy policy) {
		return word("rule.maxLength", policy.maxLength());
	}

	private static String lowercaseLabel(int count) {
		return word("rule.lowercase", count);
	}

	private static String uppercaseLabel(int count) {
		return word("rule.uppercase", count);
	}

	private static String digitsLabel(int count) {
		return word("rule.digits", count);
	}

	private static String specialLabel(int count) {
		return word("rule.special", count);
	}

	/** The words of a rule, its number in place of {@code {0}}. */
	private static String word(String key, Object number) {
		return WORDS.getString(key).replace("{0}", String.valueOf(number));
	}

	// the char overloads of Character, as Keycloak calls them
	@FunctionalInterface
	private interface CharTest {

		boolean test(char c);

	}

	/**
	 * The outcome of a check.
	 *
	 * @param rules every rule of the policy, in the order of the wording
	 */
	public record PasswordCheck(List<Rule> rules) {

		public PasswordCheck {
			rules = List.copyOf(rules);
		}

		/** Whether every rule is met. */
		public boolean ok() {
			return this.rules.stream().allMatch(Rule::met);
		}

		/** The rules not met. */
		public List<Rule> unmet() {
			return this.rules.stream().filter((rule) -> !rule.met()).toList();
		}

	}

	/**
	 * One rule.
	 *
	 * @param id {@code length}, {@code lowercase}, {@code uppercase}, {@code digits},
	 * {@code special}, {@code maxLength}, {@code notUsername}, {@code notEmail}
	 * @param label French sentence for the citizen ("1 chiffre(s)")
	 * @param met whether the password meets it
	 */
	public record Rule(String id, String label, boolean met) {
	}

}
