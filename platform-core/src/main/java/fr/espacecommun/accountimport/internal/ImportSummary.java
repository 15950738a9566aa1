package fr.espacecommun.accountimport.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import org.jspecify.annotations.Nullable;

/**
 * An import and its counts.
 *
 * @param id its id
 * @param fileName the uploaded file's name
 * @param state where it stands
 * @param uploadedBy who uploaded it
 * @param uploadedAt when
 * @param confirmedBy who confirmed it, if confirmed
 * @param confirmedAt when
 * @param finishedAt when the last line was handled
 * @param heartbeatAt the worker's last sign of life
 * @param counts lines by status
 */
public record ImportSummary(UUID id, String fileName, ImportState state, String uploadedBy, Instant uploadedAt,
		@Nullable String confirmedBy, @Nullable Instant confirmedAt, @Nullable Instant finishedAt,
		@Nullable Instant heartbeatAt, Map<RowStatus, Integer> counts) {

	public ImportSummary {
		counts = Map.copyOf(counts);
	}

	/** Lines with this status. */
	public int count(RowStatus status) {
		return this.counts.getOrDefault(status, 0);
	}

	/** Lines of the file. */
	public int lines() {
		return this.counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	/** Accounts this import creates (or created): the lines valid at confirmation. */
	public int toCreate() {
		return count(RowStatus.PENDING) + count(RowStatus.CREATED) + count(RowStatus.EXISTING)
				+ count(RowStatus.FAILED);
	}

	/** Lines whose account already existed, at preview or at creation. */
	public int alreadyCreated() {
		return count(RowStatus.ALREADY) + count(RowStatus.EXISTING);
	}

	/**
	 * "3 créé(s), 1 déjà créé(s), 0 en erreur, 2 ligne(s) refusée(s)": for the audit log.
	 */
	String auditCounts() {
		return count(RowStatus.CREATED) + " créé(s), " + alreadyCreated() + " déjà créé(s), " + count(RowStatus.FAILED)
				+ " en erreur, " + count(RowStatus.INVALID) + " ligne(s) refusée(s)";
	}

}
