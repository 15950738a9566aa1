package fr.espacecommun.wizard.internal.steps;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What one page request knows beyond the draft: the time, whether the page submits, the
 * services steps may ask, and the password once checked (or held since an earlier page).
 */
public final class PageRun {

	private final Instant now;

	private final LocalDate today;

	private final boolean lastPage;

	private final StepServices services;

	private @Nullable String password;

	/**
	 * @param now the request's time
	 * @param today the request's day in Paris
	 * @param lastPage whether the page submits
	 * @param services what steps may ask
	 * @param password the password held since an earlier page, or null
	 */
	public PageRun(Instant now, LocalDate today, boolean lastPage, StepServices services, @Nullable String password) {
		this.now = now;
		this.today = today;
		this.lastPage = lastPage;
		this.services = services;
		this.password = password;
	}

	Instant now() {
		return this.now;
	}

	LocalDate today() {
		return this.today;
	}

	boolean lastPage() {
		return this.lastPage;
	}

	StepServices services() {
		return this.services;
	}

	/** The password checked on this page, or held since an earlier one. */
	public @Nullable String password() {
		return this.password;
	}

	void acceptPassword(@Nullable String password) {
		this.password = password;
	}

}
