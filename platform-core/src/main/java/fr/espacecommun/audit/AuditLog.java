package fr.espacecommun.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.espacecommun.audit.internal.AuditEntry;
import fr.espacecommun.audit.internal.AuditEntryRepository;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;
import org.mapstruct.factory.Mappers;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/**
 * Writes and reads the current tenant's audit log: who did what, to what, the value
 * before and after, and when. Entries can be added, never changed.
 */
public class AuditLog {

	/** The actor of what the platform does on its own (scheduled work, imports). */
	public static final String SYSTEM = "system";

	private static final Entries mapper = Mappers.getMapper(Entries.class);

	private final AuditEntryRepository entries;

	private final TenantTransactions transactions;

	private final Clock clock;

	public AuditLog(AuditEntryRepository entries, TenantTransactions transactions, Clock clock) {
		this.entries = entries;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Records an action in the current tenant's log, in the caller's transaction when it
	 * has one: the entry exists if and only if the action was committed. A transaction
	 * open for another tenant is refused, not joined.
	 * @param actor who did it ({@code admin-fresnes}, {@code operator:jdupont},
	 * {@link #SYSTEM}); a username, never a password
	 * @param action what was done, a dotted English name ({@code terms.published})
	 * @param subject what it was done to (a user id, a version), or {@code null}
	 * @param before the value before, or {@code null}
	 * @param after the value after, or {@code null}
	 * @return the entry written
	 */
	public AuditEntry record(String actor, String action, @Nullable String subject, @Nullable String before,
			@Nullable String after) {
		String tenant = TenantContext.getRequiredTenantId();
		return this.transactions.run(tenant, () -> this.entries
			.save(new AuditEntry(this.clock.instant(), tenant, actor, action, subject, null, before, after)));
	}

	/** One page of the current tenant's log, newest first. */
	public Page<AuditEntry> page(int page, int size) {
		return this.transactions.read(TenantContext.getRequiredTenantId(),
				() -> this.entries.findAllByOrderByAtDesc(PageRequest.of(page, size)));
	}

	/**
	 * The entries about a subject (a citizen's account), oldest first, as the citizen's
	 * export shows them; in the caller's transaction, opened for the tenant.
	 */
	public List<Exported> about(String subject) {
		return this.entries.findBySubjectOrderByAtAsc(subject).stream().map(mapper::exported).toList();
	}

	/** A row of {@code audit_entry}, as the citizen's export shows it. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Exported(@Nullable UUID id, Instant at, String actor, String action, @Nullable String detail,
			@Nullable String tenantId, @Nullable String subject, @Nullable String beforeValue,
			@Nullable String afterValue) {
	}

	/** Entries to their export, every column (the build checks). */
	@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.ERROR)
	interface Entries {

		@Mapping(target = "beforeValue", source = "before")
		@Mapping(target = "afterValue", source = "after")
		Exported exported(AuditEntry entry);

	}

}
