package fr.espacecommun.accountimport.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import fr.espacecommun.csv.Reason;
import org.jspecify.annotations.Nullable;
import org.mapstruct.factory.Mappers;

import org.springframework.data.domain.PageRequest;

/**
 * The {@code account_import} and {@code account_import_row} tables of the tenant whose
 * transaction is open: requests and the background worker call it within
 * {@code TenantTransactions}.
 */
class ImportStore {

	private static final ImportMapper mapper = Mappers.getMapper(ImportMapper.class);

	private final AccountImportRepository imports;

	private final AccountImportRowRepository rows;

	ImportStore(AccountImportRepository imports, AccountImportRowRepository rows) {
		this.imports = imports;
		this.rows = rows;
	}

	void insert(UUID id, String fileName, String sha256, String staff, Instant now) {
		this.imports.save(new AccountImport(id, fileName, sha256, staff, now));
	}

	void insertRow(UUID id, NewRow row) {
		this.rows.save(new AccountImportRow(id, row.line(), cut(row.lastName(), 200), cut(row.firstNames(), 200),
				cut(row.email(), 320), ImportMapper.json.writeValueAsString(row.serviceKeys()), row.status(),
				mapper.reasonsColumn(row.reasons()), row.existingUserId()));
	}

	Optional<ImportSummary> find(UUID id) {
		return this.imports.findById(id).map(this::summary);
	}

	List<ImportSummary> latest(int limit) {
		return this.imports.findByOrderByUploadedAtDesc(PageRequest.of(0, limit)).stream().map(this::summary).toList();
	}

	List<RowView> rows(UUID id) {
		return this.rows.findByImportIdOrderByLine(id).stream().map(mapper::view).toList();
	}

	/** Starts the import if it is still a preview with lines to create. */
	boolean confirm(UUID id, String staff, Instant now) {
		return this.imports.confirm(id, staff, now) == 1;
	}

	/**
	 * Takes over a running import whose worker has been silent longer than the limit (an
	 * instance stopped during the import).
	 */
	boolean takeOver(UUID id, Instant now, Duration silentFor) {
		return this.imports.takeOver(id, now, now.minus(silentFor)) == 1;
	}

	Optional<PendingRow> nextPending(UUID id) {
		return this.rows.findFirstByImportIdAndStatusOrderByLine(id, RowStatus.PENDING).map(mapper::pending);
	}

	void rowDone(UUID id, int line, RowStatus status, @Nullable String userId, @Nullable String username,
			List<Reason> reasons, Instant now) {
		this.rows.done(id, line, status, userId, username, mapper.reasonsColumn(reasons), now);
		this.imports.heartbeat(id, now);
	}

	/** Ends a running import; false if it had ended already. */
	boolean finish(UUID id, Instant now) {
		return this.imports.finish(id, now) == 1;
	}

	private ImportSummary summary(AccountImport row) {
		Map<RowStatus, Integer> counts = new EnumMap<>(RowStatus.class);
		for (RowStatus status : RowStatus.values()) {
			counts.put(status, 0);
		}
		this.imports.countRows(row.getId())
			.forEach((count) -> counts.put((RowStatus) count[0], ((Long) count[1]).intValue()));
		return mapper.summary(row, counts);
	}

	private static String cut(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

	/**
	 * A line read from the file, checked.
	 *
	 * @param line its line in the file
	 * @param lastName last name as read
	 * @param firstNames first names as read
	 * @param email the e-mail, normalised when valid
	 * @param serviceKeys the service keys by service id, non-blank only
	 * @param status what the preview found
	 * @param reasons why it is refused, if it is
	 * @param existingUserId the account that already has the e-mail, if one has
	 */
	record NewRow(int line, String lastName, String firstNames, String email, Map<String, String> serviceKeys,
			RowStatus status, List<Reason> reasons, @Nullable String existingUserId) {
	}

	/**
	 * A line waiting to be created.
	 *
	 * @param line its line in the file
	 * @param lastName last name
	 * @param firstNames first names
	 * @param email the e-mail
	 * @param serviceKeys the service keys by service id
	 */
	record PendingRow(int line, String lastName, String firstNames, String email, Map<String, String> serviceKeys) {

		@Override
		public String toString() {
			return "PendingRow[line " + this.line + "]";
		}

	}

}
