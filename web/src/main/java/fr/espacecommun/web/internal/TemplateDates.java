package fr.espacecommun.web.internal;

import java.time.Instant;

import fr.espacecommun.support.FrenchDates;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * {@link FrenchDates} for the pages' templates, as {@code ${@dates.shortDateTime(at)}}:
 * the same words on a page as in the controllers and the mails. An absent date is an
 * empty text.
 */
@Component("dates")
public class TemplateDates {

	/** "mardi 1er décembre 2026 à 18 h 00". */
	public String dateTime(@Nullable Instant instant) {
		return (instant != null) ? FrenchDates.dateTime(instant) : "";
	}

	/** "mardi 1er décembre 2026". */
	public String date(@Nullable Instant instant) {
		return (instant != null) ? FrenchDates.date(instant) : "";
	}

	/** "01/12/2026". */
	public String shortDate(@Nullable Instant instant) {
		return (instant != null) ? FrenchDates.shortDate(instant) : "";
	}

	/** "01/12/2026 à 18 h 00". */
	public String shortDateTime(@Nullable Instant instant) {
		return (instant != null) ? FrenchDates.shortDateTime(instant) : "";
	}

	/** "01/12/2026 à 18 h 00 min 05 s". */
	public String shortDateTimeSeconds(@Nullable Instant instant) {
		return (instant != null) ? FrenchDates.shortDateTimeSeconds(instant) : "";
	}

}
