package fr.espacecommun.identity.internal;

import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeycloakPasswordPolicyTests {

	@Test
	void ofWhenEveryRuleThenAllInKeycloakSyntax() {
		PasswordPolicy policy = new PasswordPolicy(12, 64, 1, 2, 3, 4, true, true);

		assertThat(KeycloakPasswordPolicy.of(policy)).isEqualTo("length(12) and lowerCase(1) and upperCase(2)"
				+ " and digits(3) and specialChars(4) and notUsername and notEmail and maxLength(64)");
	}

	@Test
	void ofWhenZeroCountsThenRulesOmitted() {
		PasswordPolicy policy = new PasswordPolicy(8, 0, 0, 0, 1, 0, false, false);

		assertThat(KeycloakPasswordPolicy.of(policy)).isEqualTo("length(8) and digits(1)");
	}

	@Test
	void ofWhenOnlyNameRulesThenNoCounts() {
		PasswordPolicy policy = new PasswordPolicy(0, 0, 0, 0, 0, 0, true, false);

		assertThat(KeycloakPasswordPolicy.of(policy)).isEqualTo("notUsername");
	}

	@Test
	void ofWhenNegativeCountThenRejected() {
		PasswordPolicy policy = new PasswordPolicy(8, 0, -1, 0, 0, 0, false, false);

		assertThatIllegalArgumentException().isThrownBy(() -> KeycloakPasswordPolicy.of(policy))
			.withMessageContaining("lowerCase");
	}

}
