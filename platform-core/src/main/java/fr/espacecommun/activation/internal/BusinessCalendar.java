package fr.espacecommun.activation.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * French business days (weekdays that are not public holidays) and deadlines counted in
 * business hours ("48 heures ouvrées"), in Europe/Paris time.
 * <p>
 * Public holidays are metropolitan France's national ones as the jollyday library lists
 * them: Alsace-Moselle's Good Friday and 26 December are not holidays here, Easter Monday
 * and Whit Monday are. Whit Monday stays a holiday although employers may make it the
 * "journée de solidarité": a commune that works that day decides it locally, and a
 * deadline one day later is the safe side of the promise made to the citizen.
 * <p>
 * A business day counts its whole 24 hours: the communes promise "48 heures ouvrées"
 * without publishing office hours, so 48 business hours are two full business days from
 * the moment of submission, not six days of eight office hours. Hours are counted on the
 * wall clock: a deadline keeps the time of day of the submission, also when a change to
 * or from summer time falls on a weekend in between (France changes on Sundays, so a
 * counted day always lasts 24 hours).
 */
public final class BusinessCalendar {

	/** Where the communes are. */
	public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

	private static final Duration DAY = Duration.ofDays(1);

	private final HolidayManager holidays;

	// a jollyday look-up walks its whole configuration each time
	private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

	public BusinessCalendar() {
		this.holidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.FRANCE));
	}

	/** Whether the day is a business day in France. */
	public boolean isBusinessDay(LocalDate day) {
		DayOfWeek dayOfWeek = day.getDayOfWeek();
		return dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY && !isPublicHoliday(day);
	}

	/**
	 * Whether the day is a public holiday in metropolitan France, outside Alsace-Moselle.
	 */
	public boolean isPublicHoliday(LocalDate day) {
		return this.holidaysByYear.computeIfAbsent(day.getYear(), this::publicHolidays).contains(day);
	}

	/**
	 * The instant {@code hours} business hours after {@code start}. A start outside a
	 * business day counts from the next business day's midnight; a deadline that falls at
	 * the very end of a business day is that day's end (midnight of the next calendar
	 * day).
	 */
	public Instant addBusinessHours(Instant start, int hours) {
		if (hours < 0) {
			throw new IllegalArgumentException("Business hours cannot be negative: " + hours);
		}
		LocalDateTime cursor = LocalDateTime.ofInstant(start, ZONE);
		if (!isBusinessDay(cursor.toLocalDate())) {
			cursor = nextBusinessDay(cursor.toLocalDate()).atStartOfDay();
		}
		Duration remaining = Duration.ofHours(hours);
		while (true) {
			Duration leftToday = DAY.minus(Duration.between(cursor.toLocalDate().atStartOfDay(), cursor));
			if (remaining.compareTo(leftToday) <= 0) {
				return toInstant(cursor.plus(remaining));
			}
			remaining = remaining.minus(leftToday);
			cursor = nextBusinessDay(cursor.toLocalDate()).atStartOfDay();
		}
	}

	private LocalDate nextBusinessDay(LocalDate day) {
		LocalDate next = day.plusDays(1);
		while (!isBusinessDay(next)) {
			next = next.plusDays(1);
		}
		return next;
	}

	// a deadline is on a weekday, or at the midnight ending one: never in a gap or an
	// overlap of summer time, which France places on Sunday night; earlier offset if ever
	private static Instant toInstant(LocalDateTime local) {
		return ZonedDateTime.ofLocal(local, ZONE, null).toInstant();
	}

	private Set<LocalDate> publicHolidays(int year) {
		return this.holidays.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)
			.stream()
			.map(Holiday::getDate)
			.collect(Collectors.toUnmodifiableSet());
	}

}
