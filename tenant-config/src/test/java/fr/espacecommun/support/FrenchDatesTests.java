package fr.espacecommun.support;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrenchDatesTests {

	@Test
	void dateTimeWhenFirstOfMonthInWinterThenPremierAndParisTime() {
		// 17:00 UTC is 18:00 in Paris in December (UTC+1)
		assertThat(FrenchDates.dateTime(Instant.parse("2026-12-01T17:00:00Z")))
			.isEqualTo("mardi 1er décembre 2026 à 18 h 00");
	}

	@Test
	void dateTimeWhenSummerThenParisSummerTime() {
		// UTC+2 in summer; minutes keep two digits, hours none
		assertThat(FrenchDates.dateTime(Instant.parse("2026-07-14T07:05:00Z")))
			.isEqualTo("mardi 14 juillet 2026 à 9 h 05");
	}

	@Test
	void dateWhenOtherDayThenPlainNumber() {
		assertThat(FrenchDates.date(LocalDate.of(2026, 12, 2))).isEqualTo("mercredi 2 décembre 2026");
	}

	@Test
	void dateWhenInstantLateEveningUtcThenNextDayInParis() {
		assertThat(FrenchDates.date(Instant.parse("2026-11-30T23:30:00Z"))).isEqualTo("mardi 1er décembre 2026");
	}

	@Test
	void shortDateTimeWhenInstantThenTableForm() {
		assertThat(FrenchDates.shortDateTime(Instant.parse("2026-12-01T17:00:00Z"))).isEqualTo("01/12/2026 à 18 h 00");
		assertThat(FrenchDates.shortDate(Instant.parse("2026-12-01T17:00:00Z"))).isEqualTo("01/12/2026");
	}

	@Test
	void shortDateTimeSecondsWhenInstantThenSecondsAfterTheMinutes() {
		assertThat(FrenchDates.shortDateTimeSeconds(Instant.parse("2026-12-01T17:00:05Z")))
			.isEqualTo("01/12/2026 à 18 h 00 min 05 s");
	}

}
