package fr.espacecommun.identity;

import java.util.List;

import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Checks a password against a tenant's rules, rule by rule, with the commune's own French
 * wording ("Le mot de passe doit contenir au minimum 8 caractère(s) dont au moins : 1
 * minuscule(s), 1 chiffre(s)"). Agrees with Keycloak's policy on every password.
 */
public final class PasswordRules {

	private PasswordRules() {
	}

	/** Every rule of the policy, each met or not by this password. */
	public static PasswordCheck check(PasswordPolicy policy, String password, @Nullable String username,
			@Nullable String email) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/** The policy in the commune's wording, shown under the password field. */
	public static String wording(PasswordPolicy policy) {
		throw new UnsupportedOperationException("not implemented yet");
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
