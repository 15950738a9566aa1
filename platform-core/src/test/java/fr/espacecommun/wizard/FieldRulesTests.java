package fr.espacecommun.wizard;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.tenant.FieldKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks behind each wizard field, value by value. */
class FieldRulesTests {

	private static final FieldRules.Context CONTEXT = new FieldRules.Context(LocalDate.of(2026, 11, 24), "");

	@ParameterizedTest
	@ValueSource(strings = { "01 49 84 56 56", "+33 1 49 84 56 56", "0149845656", "06.12.34.56.78",
			"+33 (0)1 49 84 56 56", "0033 1 49 84 56 56", "+262 692 12 34 56" })
	void phoneWhenFrenchNumberThenAccepted(String phone) {
		assertThat(check(FieldKind.PHONE, phone).error()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "12 34", "00 49 84 56 56", "+44 20 7946 0958", "01 49 84 56 5", "abc" })
	void phoneWhenNotFrenchThenRefused(String phone) {
		assertThat(check(FieldKind.PHONE, phone).error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("phone"));
	}

	@Test
	void siretWhenLuhnKeyRightThenAcceptedOtherwiseRefused() {
		assertThat(check(FieldKind.SIRET, "732 829 320 00074").value()).isEqualTo("73282932000074");
		assertThat(check(FieldKind.SIRET, "73282932000075").error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("siretKey"));
		assertThat(check(FieldKind.SIRET, "7328293200007").error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("siretFormat"));
		// La Poste: sum of the digits divisible by 5
		assertThat(FieldRules.isValidSiret("35600000049837")).isTrue();
		assertThat(FieldRules.isValidSiret("35600000049838")).isFalse();
	}

	@Test
	void rnaWhenWAndNineDigitsThenAccepted() {
		assertThat(check(FieldKind.RNA, "w751234567").value()).isEqualTo("W751234567");
		assertThat(check(FieldKind.RNA, "W75123456").error()).isPresent();
		assertThat(check(FieldKind.RNA, "751234567").error()).isPresent();
	}

	@Test
	void birthDateWhenFrenchOrHtmlFormatInThePastThenNormalised() {
		assertThat(check(FieldKind.BIRTH_DATE, "01/05/1975").value()).isEqualTo("1975-05-01");
		assertThat(check(FieldKind.BIRTH_DATE, "1975-05-01").value()).isEqualTo("1975-05-01");
		assertThat(check(FieldKind.BIRTH_DATE, "31/02/1975").error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("date"));
		assertThat(check(FieldKind.BIRTH_DATE, "25/11/2026").error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("birthDate"));
	}

	@Test
	void emailPostalCodeAndUsernameWhenMalformedThenRefused() {
		assertThat(check(FieldKind.EMAIL, "marie.curie@example.fr").error()).isEmpty();
		assertThat(check(FieldKind.EMAIL, "marie.curie@").error()).isPresent();
		assertThat(check(FieldKind.POSTAL_CODE, "94 260").value()).isEqualTo("94260");
		assertThat(check(FieldKind.POSTAL_CODE, "9426").error()).isPresent();
		assertThat(check(FieldKind.USERNAME, "mcurie").error()).isEmpty();
		assertThat(check(FieldKind.USERNAME, "m curie").error()).isPresent();
		assertThat(check(FieldKind.USERNAME, "mé").error()).isPresent();
	}

	@Test
	void anyFieldWhenControlCharacterOrTooLongOrMissingThenRefusedAndTrimmed() {
		assertThat(check(FieldKind.TEXT, "Cu\trie").error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("control"));
		assertThat(check(FieldKind.TEXT, "x".repeat(11)).error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("tooLong"));
		assertThat(check(FieldKind.TEXT, "  Curie  ").value()).isEqualTo("Curie");
		WizardField required = new WizardField("lastName", "Nom usuel", true, FieldKind.TEXT, 10, "", "", "", "");
		assertThat(FieldRules.check(required, "   ", CONTEXT).error()).hasValueSatisfying((e) -> {
			assertThat(e.code()).isEqualTo("required");
			assertThat(e.args()).containsExactly("Nom usuel");
		});
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void serviceKeyWhenPatternWouldBacktrackThenAnsweredInLinearTime() {
		// java.util.regex took seconds on 29 characters of this pattern (issue 15); RE2/J
		// answers the longest key the field takes at once, accepted or refused
		WizardField key = new WizardField("serviceKey.enfance", "Enfance", false, FieldKind.TEXT, 50, "off",
				"^([0-9A-Z]+-?){1,20}$", "AB12-CD34", "");
		String refused = "A".repeat(49) + "!";
		assertThat(FieldRules.check(key, refused, CONTEXT).error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("serviceKey"));
		assertThat(FieldRules.check(key, "A".repeat(50), CONTEXT).value()).isEqualTo("A".repeat(50));
	}

	@Test
	void serviceKeyWhenTenantPatternThenUpperCasedOrRefusedWithTheExample() {
		WizardField key = new WizardField("serviceKey.enfance", "Enfance", false, FieldKind.TEXT, 50, "off",
				"^[0-9]{5}-[A-Z0-9]{6}$", "23456-B7J8K2", "");
		assertThat(FieldRules.check(key, "23456-b7j8k2", CONTEXT).value()).isEqualTo("23456-B7J8K2");
		assertThat(FieldRules.check(key, "2345-B7J8K2", CONTEXT).error()).hasValueSatisfying((e) -> {
			assertThat(e.code()).isEqualTo("serviceKey");
			assertThat(e.args()).containsExactly("Enfance", "23456-B7J8K2");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "PHONE:+33 6 12 34 56 78", "SIRET:732 829 320 00074", "RNA:w751234567",
			"BIRTH_DATE:01/05/1975", "EMAIL:marie.curie@example.fr", "POSTAL_CODE:94 260", "DEPARTMENT:2a",
			"CIVILITY:Madame", "PREFERRED_CONTACT:courriel", "USERNAME:m.curie", "TEXT:  Curie  " })
	void valueWhenValidThenItsKeptFormPassesTheSameCheckUnchanged(String kindAndValue) {
		// the draft keeps the checked form, and the recheck before submission checks it
		// again: the kept form must pass as it is
		FieldKind kind = FieldKind.valueOf(kindAndValue.substring(0, kindAndValue.indexOf(':')));
		String typed = kindAndValue.substring(kindAndValue.indexOf(':') + 1);
		FieldRules.Result first = check(kind, typed);
		assertThat(first.error()).isEmpty();
		FieldRules.Result again = check(kind, first.value());
		assertThat(again.error()).isEmpty();
		assertThat(again.value()).isEqualTo(first.value());
	}

	@Test
	void boundedWhenTooLongOrWithControlCharactersThenStillRefusedWhenCheckedAgain() {
		WizardField name = new WizardField("lastName", "Nom", true, FieldKind.TEXT, 100, "", "", "", "");
		String kept = FieldRules.bounded(name, "x".repeat(10_000));
		assertThat(kept).hasSize(256);
		assertThat(FieldRules.check(name, kept, CONTEXT).error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("tooLong"));
		assertThat(FieldRules.check(name, FieldRules.bounded(name, " Cu\u0007rie "), CONTEXT).error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("control"));
		assertThat(FieldRules.bounded(name, null)).isEmpty();
		// a short field keeps enough of a long value to still find its control characters
		WizardField department = new WizardField("birthDepartment", "Département", false, FieldKind.DEPARTMENT, 3, "",
				"", "", "");
		assertThat(
				FieldRules.check(department, FieldRules.bounded(department, "a@b.fr\r\nBcc: x@y.fr"), CONTEXT).error())
			.hasValueSatisfying((e) -> assertThat(e.code()).isEqualTo("control"));
	}

	private static FieldRules.Result check(FieldKind kind, String value) {
		return FieldRules.check(
				new WizardField("f", "Champ", false, kind, 10 + 40 * (kind == FieldKind.TEXT ? 0 : 1), "", "", "", ""),
				value, CONTEXT);
	}

}
