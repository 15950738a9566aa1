package fr.espacecommun.activation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * French business days (weekdays that are not public holidays) and deadlines counted in
 * business hours ("48 heures ouvrées"), in Europe/Paris time.
 */
public final class BusinessCalendar {

	/** Whether the day is a business day in France. */
	public boolean isBusinessDay(LocalDate day) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/** The instant {@code hours} business hours after {@code start}. */
	public Instant addBusinessHours(Instant start, int hours) {
		throw new UnsupportedOperationException("not implemented yet");
	}

}
