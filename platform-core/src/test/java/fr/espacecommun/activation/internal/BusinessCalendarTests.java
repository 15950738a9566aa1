package fr.espacecommun.activation.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Deadlines of "48 heures ouvrées" (Villennes' manual approval), each checkable on a wall
 * calendar of 2026: every date below is Paris time.
 */
class BusinessCalendarTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final BusinessCalendar calendar = new BusinessCalendar();

	@Test
	void addBusinessHoursWhenFridayEveningThenTuesdaySameTime() {
		// Friday 5 h 30, Monday 24 h, Tuesday 18 h 30
		assertThat(deadline("2026-11-27T18:30", 48)).isEqualTo("2026-12-01T18:30");
	}

	@Test
	void addBusinessHoursWhenEveOfFirstOfMayThenFridayHolidayAndWeekendSkipped() {
		assertThat(LocalDate.of(2026, 5, 1).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
		// Thursday 30 April 14 h, (Friday 1 May, weekend), Monday 4 May 24 h, Tuesday 10
		// h
		assertThat(deadline("2026-04-30T10:00", 48)).isEqualTo("2026-05-05T10:00");
	}

	@Test
	void addBusinessHoursWhenEveOfAscensionThenThursdayAndWeekendSkipped() {
		// Ascension: Thursday 14 May 2026 (Easter on 5 April)
		// Wednesday 14 h, (Thursday), Friday 24 h, (weekend), Monday 18 May 10 h
		assertThat(deadline("2026-05-13T10:00", 48)).isEqualTo("2026-05-18T10:00");
	}

	@Test
	void addBusinessHoursWhenChristmasEveThenChristmasAndWeekendSkipped() {
		// Thursday 24 December 8 h, (Friday 25, weekend), Monday 28 24 h, Tuesday 29 16 h
		assertThat(deadline("2026-12-24T16:00", 48)).isEqualTo("2026-12-29T16:00");
	}

	@Test
	void addBusinessHoursWhenEveOfBastilleDayThenTuesdaySkipped() {
		// Monday 13 July 15 h, (Tuesday 14 July), Wednesday 24 h, Thursday 16 July 9 h
		assertThat(deadline("2026-07-13T09:00", 48)).isEqualTo("2026-07-16T09:00");
	}

	@Test
	void addBusinessHoursWhenGoodFridayThenItCountsAndEasterMondayDoesNot() {
		// Good Friday is a holiday in Alsace-Moselle only: Friday 3 April 12 h,
		// (weekend, Easter Monday 6 April), Tuesday 24 h, Wednesday 8 April 12 h
		assertThat(deadline("2026-04-03T12:00", 48)).isEqualTo("2026-04-08T12:00");
	}

	@Test
	void addBusinessHoursWhenBeforeWhitMondayThenWhitMondaySkipped() {
		// jollyday lists Whit Monday (25 May 2026) as a French public holiday
		// Friday 22 May 12 h, (weekend, Whit Monday), Tuesday 24 h, Wednesday 27 May 12 h
		assertThat(deadline("2026-05-22T12:00", 48)).isEqualTo("2026-05-27T12:00");
	}

	@Test
	void addBusinessHoursWhenSaturdayThenCountedFromMondayMidnight() {
		// Monday 30 November and Tuesday 1 December, whole
		assertThat(deadline("2026-11-28T11:00", 48)).isEqualTo("2026-12-02T00:00");
	}

	@Test
	void addBusinessHoursWhenDeadlineEndsABusinessDayThenMidnightAfterIt() {
		// the whole of Monday 13 July; Tuesday 14 July is a holiday
		assertThat(deadline("2026-07-13T00:00", 24)).isEqualTo("2026-07-14T00:00");
	}

	@Test
	void addBusinessHoursWhenSummerTimeEndsOverTheWeekendThenSameWallClockTime() {
		// clocks go back on Sunday 25 October 2026: Friday 18:30 is UTC+2, Tuesday 18:30
		// UTC+1, one real hour more than four days
		Instant deadline = this.calendar.addBusinessHours(Instant.parse("2026-10-23T16:30:00Z"), 48);

		assertThat(deadline).isEqualTo(Instant.parse("2026-10-27T17:30:00Z"));
		assertThat(LocalDateTime.ofInstant(deadline, PARIS)).isEqualTo("2026-10-27T18:30");
	}

	@Test
	void addBusinessHoursWhenSummerTimeStartsOverTheWeekendThenSameWallClockTime() {
		// clocks go forward on Sunday 29 March 2026: Friday 18:30 is UTC+1, Tuesday 18:30
		// UTC+2
		Instant deadline = this.calendar.addBusinessHours(Instant.parse("2026-03-27T17:30:00Z"), 48);

		assertThat(deadline).isEqualTo(Instant.parse("2026-03-31T16:30:00Z"));
		assertThat(LocalDateTime.ofInstant(deadline, PARIS)).isEqualTo("2026-03-31T18:30");
	}

	@Test
	void addBusinessHoursWhenNoHourThenTheStartOnABusinessDay() {
		Instant start = at("2026-11-27T18:30");

		assertThat(this.calendar.addBusinessHours(start, 0)).isEqualTo(start);
	}

	@Test
	void addBusinessHoursWhenNegativeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.calendar.addBusinessHours(Instant.now(), -1))
			.withMessageContaining("-1");
	}

	@Test
	void isBusinessDayWhenFrenchCalendarOf2026ThenHolidaysAndWeekendsExcluded() {
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 11, 27))).as("Friday").isTrue();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 11, 28))).as("Saturday").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 11, 29))).as("Sunday").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 1, 1))).as("New Year").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 4, 6))).as("Easter Monday").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 5, 1))).as("1 May").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 5, 8))).as("8 May").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 5, 14))).as("Ascension").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 5, 25))).as("Whit Monday").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 7, 14))).as("14 July").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 11, 11))).as("11 November").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 12, 25))).as("Christmas").isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 4, 3))).as("Good Friday (Alsace only)").isTrue();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 12, 28))).as("28 December").isTrue();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2027, 12, 24))).as("Friday 24 December 2027").isTrue();
	}

	@Test
	void isPublicHolidayWhenAYearIsAskedAgainThenAnsweredFromTheCache() {
		this.calendar.isPublicHoliday(LocalDate.of(2031, 1, 1));

		long start = System.nanoTime();
		for (int i = 0; i < 10_000; i++) {
			this.calendar.isPublicHoliday(LocalDate.of(2031, 1, 1).plusDays(i % 365));
		}
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(millis).as("10,000 look-ups in one cached year").isLessThan(500);
	}

	private String deadline(String parisStart, int hours) {
		Instant deadline = this.calendar.addBusinessHours(at(parisStart), hours);
		return LocalDateTime.ofInstant(deadline, PARIS).toString();
	}

	private static Instant at(String parisLocal) {
		return LocalDateTime.parse(parisLocal).atZone(PARIS).toInstant();
	}

}
