package fr.espacecommun.audit;

import java.time.Clock;

import fr.espacecommun.tenancy.TenantContext;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the current tenant's audit log: who did what, to what, the value
 * before and after, and when. Entries can be added, never changed.
 */
public class AuditLog {

	/** The actor of what the platform does on its own (scheduled work, imports). */
	public static final String SYSTEM = "system";

	private final AuditEntryRepository entries;

	private final Clock clock;

	public AuditLog(AuditEntryRepository entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	/**
	 * Records an action in the current tenant's log, in the caller's transaction when it
	 * has one: the entry exists if and only if the action was committed.
	 * @param actor who did it ({@code admin-fresnes}, {@code operator:jdupont},
	 * {@link #SYSTEM}); a username, never a password
	 * @param action what was done, a dotted English name ({@code terms.published})
	 * @param subject what it was done to (a user id, a version), or {@code null}
	 * @param before the value before, or {@code null}
	 * @param after the value after, or {@code null}
	 * @return the entry written
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public AuditEntry record(String actor, String action, @Nullable String subject, @Nullable String before,
			@Nullable String after) {
		String tenant = TenantContext.getRequiredTenantId();
		return this.entries
			.save(new AuditEntry(this.clock.instant(), tenant, actor, action, subject, null, before, after));
	}

	/** One page of the current tenant's log, newest first. */
	@Transactional(readOnly = true)
	public Page<AuditEntry> page(int page, int size) {
		return this.entries.findAllByOrderByAtDesc(PageRequest.of(page, size));
	}

}
