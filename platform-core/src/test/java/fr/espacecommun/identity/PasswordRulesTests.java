package fr.espacecommun.identity;

import fr.espacecommun.identity.PasswordRules.PasswordCheck;
import fr.espacecommun.identity.PasswordRules.Rule;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The rules as the citizen reads them, and as Keycloak 26 applies them. */
class PasswordRulesTests {

	// tenants/fresnes.yaml
	private static final PasswordPolicy FRESNES = new PasswordPolicy(8, 128, 1, 0, 1, 0, true, true);

	// tenants/ccplm.yaml
	private static final PasswordPolicy CCPLM = new PasswordPolicy(8, 128, 1, 1, 1, 0, true, true);

	// tenants/ccve.yaml, velizy.yaml, villennes.yaml
	private static final PasswordPolicy CNIL = new PasswordPolicy(12, 128, 1, 1, 1, 1, true, true);

	@Test
	void wordingWhenFresnesThenTheSentenceOfItsForm() {
		assertThat(PasswordRules.wording(FRESNES)).isEqualTo(
				"Le mot de passe doit contenir au minimum 8 caractère(s) dont au moins : 1 minuscule(s), 1 chiffre(s)");
	}

	@Test
	void wordingWhenCcplmThenTheSentenceOfItsFormWithTheDigitCountTheSeedLost() {
		assertThat(PasswordRules.wording(CCPLM)).isEqualTo("Le mot de passe doit contenir au minimum 8 caractère(s)"
				+ " dont au moins : 1 minuscule(s), 1 majuscule(s), 1 chiffre(s)");
	}

	@Test
	void wordingWhenSpecialCharactersRequiredThenNamedLast() {
		assertThat(PasswordRules.wording(CNIL)).isEqualTo("Le mot de passe doit contenir au minimum 12 caractère(s)"
				+ " dont au moins : 1 minuscule(s), 1 majuscule(s), 1 chiffre(s), 1 caractère(s) spécial(aux)");
	}

	@Test
	void wordingWhenMaximumBelow128ThenStatedAfterTheMinimum() {
		PasswordPolicy policy = new PasswordPolicy(10, 20, 2, 0, 3, 2, true, false);

		assertThat(PasswordRules.wording(policy))
			.isEqualTo("Le mot de passe doit contenir au minimum 10 caractère(s) et au maximum 20 caractère(s)"
					+ " dont au moins : 2 minuscule(s), 3 chiffre(s), 2 caractère(s) spécial(aux)");
	}

	@Test
	void wordingWhenOnlyALengthThenNoList() {
		assertThat(PasswordRules.wording(new PasswordPolicy(8, 0, 0, 0, 0, 0, false, false)))
			.isEqualTo("Le mot de passe doit contenir au minimum 8 caractère(s)");
	}

	@Test
	void checkWhenFresnesThenEveryRuleInTheOrderOfTheWordingWithItsLabel() {
		PasswordCheck check = PasswordRules.check(FRESNES, "soleil", "jdupont", "jean.dupont@example.fr");

		assertThat(check.rules()).extracting(Rule::id, Rule::label, Rule::met)
			.containsExactly(tuple("length", "au minimum 8 caractère(s)", false),
					tuple("maxLength", "au maximum 128 caractère(s)", true), tuple("lowercase", "1 minuscule(s)", true),
					tuple("digits", "1 chiffre(s)", false),
					tuple("notUsername", "différent du nom d'utilisateur", true),
					tuple("notEmail", "différent de l'adresse e-mail", true));
		assertThat(check.ok()).isFalse();
		assertThat(check.unmet()).extracting(Rule::label).containsExactly("au minimum 8 caractère(s)", "1 chiffre(s)");
	}

	@Test
	void checkWhenFresnesAndLowercaseAndDigitThenAccepted() {
		assertThat(PasswordRules.check(FRESNES, "soleil94", "jdupont", "jean.dupont@example.fr").ok()).isTrue();
	}

	@Test
	void checkWhenAccentedLettersThenTheyCountAsLowerAndUpperCase() {
		PasswordCheck check = PasswordRules.check(CCPLM, "ÉTÉ-2024", null, null);

		assertThat(check.unmet()).extracting(Rule::id).containsExactly("lowercase");
		assertThat(PasswordRules.check(CCPLM, "Été-2024", null, null).ok()).isTrue();
	}

	@Test
	void checkWhenSpaceOrPunctuationThenSpecialAndWhenAccentThenNot() {
		PasswordPolicy oneSpecial = new PasswordPolicy(8, 0, 0, 0, 0, 1, false, false);

		assertThat(PasswordRules.check(oneSpecial, "mot passe", null, null).ok()).isTrue();
		assertThat(PasswordRules.check(oneSpecial, "motdepasse!", null, null).ok()).isTrue();
		assertThat(PasswordRules.check(oneSpecial, "motdepasséà", null, null).ok()).isFalse();
	}

	@Test
	void checkWhenEmojiThenTwoCharactersBothSpecialAsForKeycloak() {
		PasswordPolicy policy = new PasswordPolicy(8, 9, 0, 0, 0, 2, false, false);
		String sevenLettersAndAnEmoji = "abcdefg\uD83D\uDE00";

		PasswordCheck check = PasswordRules.check(policy, sevenLettersAndAnEmoji, null, null);

		assertThat(sevenLettersAndAnEmoji.codePointCount(0, sevenLettersAndAnEmoji.length())).isEqualTo(8);
		assertThat(check.ok()).isTrue();
		assertThat(PasswordRules.check(policy, "abcdefgh\uD83D\uDE00", null, null).unmet()).extracting(Rule::id)
			.containsExactly("maxLength");
	}

	@Test
	void checkWhenDecomposedAccentThenTheCombiningMarkIsSpecial() {
		PasswordPolicy oneSpecial = new PasswordPolicy(8, 0, 0, 0, 0, 1, false, false);

		assertThat(PasswordRules.check(oneSpecial, "motdepasse\u0301", null, null).ok()).isTrue();
	}

	@Test
	void checkWhenNonLatinDigitThenADigit() {
		PasswordPolicy oneDigit = new PasswordPolicy(8, 0, 0, 0, 1, 0, false, false);

		assertThat(PasswordRules.check(oneDigit, "motdepasse\u0663", null, null).ok()).isTrue();
	}

	@Test
	void checkWhenPasswordIsTheUsernameInAnotherCaseThenRefused() {
		PasswordCheck check = PasswordRules.check(FRESNES, "JDupont94", "jdupont94", "jean.dupont@example.fr");

		assertThat(check.unmet()).extracting(Rule::id).containsExactly("notUsername");
	}

	@Test
	void checkWhenPasswordIsTheEmailInAnotherCaseThenRefused() {
		PasswordCheck check = PasswordRules.check(FRESNES, "Jean.Dupont94@Example.fr", "jdupont",
				"jean.dupont94@example.fr");

		assertThat(check.unmet()).extracting(Rule::id).containsExactly("notEmail");
	}

	@Test
	void checkWhenUsernameOrEmailUnknownThenThoseRulesAreMet() {
		PasswordCheck check = PasswordRules.check(FRESNES, "jdupont94", null, null);

		assertThat(check.ok()).isTrue();
	}

	@Test
	void checkWhenNoMaximumThenNoMaxLengthRule() {
		PasswordPolicy policy = new PasswordPolicy(8, 0, 0, 0, 0, 0, false, false);

		assertThat(PasswordRules.check(policy, "a".repeat(500), null, null).rules()).extracting(Rule::id)
			.containsExactly("length");
	}

}
