package fr.espacecommun.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates and times worded as French readers expect, in Paris time: the same words on a
 * page, in a mail and on a staff screen ("mardi 1er décembre 2026 à 18 h 00").
 */
public final class FrenchDates {

	/** The communes' time zone, metropolitan France. */
	public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final DateTimeFormatter DAY_OF_WEEK = DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH);

	private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.FRENCH);

	private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.FRENCH);

	private FrenchDates() {
	}

	/** "mardi 1er décembre 2026 à 18 h 00". */
	public static String dateTime(Instant instant) {
		ZonedDateTime at = instant.atZone(PARIS);
		return date(at.toLocalDate()) + " à " + time(at);
	}

	/** "mardi 1er décembre 2026", the day of this instant in Paris. */
	public static String date(Instant instant) {
		return date(instant.atZone(PARIS).toLocalDate());
	}

	/**
	 * "mardi 1er décembre 2026": the first of the month is "1er", as French writes it.
	 */
	public static String date(LocalDate day) {
		String dayOfMonth = (day.getDayOfMonth() == 1) ? "1er" : Integer.toString(day.getDayOfMonth());
		return DAY_OF_WEEK.format(day) + " " + dayOfMonth + " " + MONTH_YEAR.format(day);
	}

	/** "01/12/2026", for tables where many dates stand in a column. */
	public static String shortDate(Instant instant) {
		return SHORT_DATE.format(instant.atZone(PARIS));
	}

	/** "01/12/2026 à 18 h 00", for tables where many dates stand in a column. */
	public static String shortDateTime(Instant instant) {
		ZonedDateTime at = instant.atZone(PARIS);
		return SHORT_DATE.format(at) + " à " + time(at);
	}

	/**
	 * "01/12/2026 à 18 h 00 min 05 s", for records where the second counts (the journal,
	 * a CGU acceptance).
	 */
	public static String shortDateTimeSeconds(Instant instant) {
		ZonedDateTime at = instant.atZone(PARIS);
		return shortDateTime(instant) + " min " + String.format(Locale.ROOT, "%02d", at.getSecond()) + " s";
	}

	/** "18 h 00", "9 h 05". */
	private static String time(ZonedDateTime at) {
		return at.getHour() + " h " + String.format(Locale.ROOT, "%02d", at.getMinute());
	}

}
