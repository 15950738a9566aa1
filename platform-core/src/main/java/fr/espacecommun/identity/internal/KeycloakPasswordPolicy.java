package fr.espacecommun.identity.internal;

import java.util.ArrayList;
import java.util.List;

import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;

/**
 * Translates a tenant's password rules into Keycloak's password policy expression, such
 * as {@code length(12) and digits(1) and notUsername}.
 * <p>
 * Rules without argument are written as Keycloak stores them ({@code notUsername}, not
 * {@code notUsername()}): Keycloak normalises the expression, and provisioning compares
 * it with what Keycloak holds.
 */
final class KeycloakPasswordPolicy {

	private KeycloakPasswordPolicy() {
	}

	static String of(PasswordPolicy policy) {
		List<String> rules = new ArrayList<>();
		addCount(rules, "length", policy.minLength());
		addCount(rules, "lowerCase", policy.minLowercase());
		addCount(rules, "upperCase", policy.minUppercase());
		addCount(rules, "digits", policy.minDigits());
		addCount(rules, "specialChars", policy.minSpecialChars());
		if (policy.notUsername()) {
			rules.add("notUsername");
		}
		if (policy.notEmail()) {
			rules.add("notEmail");
		}
		addCount(rules, "maxLength", policy.maxLength());
		return String.join(" and ", rules);
	}

	private static void addCount(List<String> rules, String rule, int count) {
		if (count < 0) {
			throw new IllegalArgumentException("Password rule " + rule + " cannot be negative: " + count);
		}
		if (count > 0) {
			rules.add(rule + "(" + count + ")");
		}
	}

}
