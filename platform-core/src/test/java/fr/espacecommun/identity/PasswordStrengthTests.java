package fr.espacecommun.identity;

import fr.espacecommun.identity.PasswordStrength.Assessment;
import fr.espacecommun.identity.PasswordStrength.CharClass;
import fr.espacecommun.identity.PasswordStrength.Level;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The CNIL's own examples (délibération n° 2022-100) rated as the CNIL rates them, and
 * the five communes' declared policies.
 */
class PasswordStrengthTests {

	@Test
	void assessWhenCnilFirstExampleTwelveCharactersOfFourClassesThenEightyBitsForAPasswordAlone() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(12, 128, 1, 1, 1, 1, true, true));

		assertThat(strength.alphabet()).isEqualTo(26 + 26 + 10 + 37);
		assertThat(strength.bits()).isCloseTo(79.55, within(0.01));
		assertThat(strength.roundedBits()).isEqualTo(80);
		assertThat(strength.level()).isEqualTo(Level.PASSWORD_ALONE);
	}

	@Test
	void assessWhenCnilSecondExampleFourteenLettersAndDigitsThenEnoughAlone() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(14, 128, 1, 1, 1, 0, true, true));

		assertThat(strength.alphabet()).isEqualTo(62);
		assertThat(strength.bits()).isCloseTo(83.36, within(0.01));
		assertThat(strength.level()).isEqualTo(Level.PASSWORD_ALONE);
	}

	@Test
	void lengthForWhenCnilExamplesThenTheirLengthsAreTheShortestThatReachEightyBits() {
		Assessment fourClasses = PasswordStrength.assess(new PasswordPolicy(11, 128, 1, 1, 1, 1, true, true));
		Assessment lettersAndDigits = PasswordStrength.assess(new PasswordPolicy(13, 128, 1, 1, 1, 0, true, true));

		assertThat(fourClasses.level()).isEqualTo(Level.WITH_THROTTLING);
		assertThat(fourClasses.lengthFor(80)).isEqualTo(12);
		assertThat(lettersAndDigits.level()).isEqualTo(Level.WITH_THROTTLING);
		assertThat(lettersAndDigits.lengthFor(80)).isEqualTo(14);
	}

	@Test
	void assessWhenEightCharactersWithBothCasesAndSpecialsThenFiftyBitsWithThrottling() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(8, 64, 1, 1, 0, 1, true, true));

		assertThat(strength.alphabet()).isEqualTo(89);
		assertThat(strength.bits()).isCloseTo(51.81, within(0.01));
		assertThat(strength.level()).isEqualTo(Level.WITH_THROTTLING);
		assertThat(strength.lengthFor(80)).isEqualTo(13);
	}

	@Test
	void assessWhenSixteenDigitsThenFiftyBitsWithThrottling() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(16, 16, 0, 0, 16, 0, false, false));

		assertThat(strength.forced()).containsExactly(CharClass.DIGITS);
		assertThat(strength.bits()).isCloseTo(53.15, within(0.01));
		assertThat(strength.level()).isEqualTo(Level.WITH_THROTTLING);
	}

	@Test
	void assessWhenCcplmEightCharactersOfLettersAndDigitsThenBelowFifty() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(8, 128, 1, 1, 1, 0, true, true));

		assertThat(strength.bits()).isCloseTo(47.63, within(0.01));
		assertThat(strength.level()).isEqualTo(Level.BELOW);
		assertThat(strength.lengthFor(50)).isEqualTo(9);
		assertThat(strength.lengthWithEveryClassFor(50)).isEqualTo(8);
	}

	@Test
	void assessWhenFresnesEightCharactersLowercaseAndDigitThenBelowFifty() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(8, 128, 1, 0, 1, 0, true, true));

		assertThat(strength.alphabet()).isEqualTo(36);
		assertThat(strength.roundedBits()).isEqualTo(41);
		assertThat(strength.level()).isEqualTo(Level.BELOW);
		assertThat(strength.lengthFor(50)).isEqualTo(10);
		assertThat(strength.lengthFor(80)).isEqualTo(16);
	}

	@Test
	void assessWhenNoClassForcedThenRatedAsDigitsOnly() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(12, 128, 0, 0, 0, 0, true, true));

		assertThat(strength.forced()).isEmpty();
		assertThat(strength.alphabet()).isEqualTo(10);
		assertThat(strength.roundedBits()).isEqualTo(40);
		assertThat(strength.level()).isEqualTo(Level.BELOW);
		assertThat(strength.lengthFor(50)).isEqualTo(15);
	}

	@Test
	void assessWhenClassMinimumsExceedMinimumLengthThenTheirSumIsTheLength() {
		Assessment strength = PasswordStrength.assess(new PasswordPolicy(8, 128, 3, 3, 3, 3, true, true));

		assertThat(strength.length()).isEqualTo(12);
		assertThat(strength.forcesEveryClass()).isTrue();
		assertThat(strength.level()).isEqualTo(Level.PASSWORD_ALONE);
	}

}
