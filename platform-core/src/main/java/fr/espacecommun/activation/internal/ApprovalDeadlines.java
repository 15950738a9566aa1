package fr.espacecommun.activation.internal;

import java.time.Instant;

/**
 * When staff must have approved an account: {@code businessHours} business hours after
 * submission. Backed by {@link BusinessCalendar}; an interface so tests can fix it.
 */
public interface ApprovalDeadlines {

	/** The deadline for an account submitted at {@code submittedAt}. */
	Instant deadline(Instant submittedAt, int businessHours);

}
