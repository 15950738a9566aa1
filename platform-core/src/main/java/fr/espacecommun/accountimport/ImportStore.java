package fr.espacecommun.accountimport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import fr.espacecommun.accountimport.AccountImports.ImportState;
import fr.espacecommun.accountimport.AccountImports.ImportSummary;
import fr.espacecommun.accountimport.AccountImports.RowStatus;
import fr.espacecommun.accountimport.AccountImports.RowView;
import fr.espacecommun.csv.Reason;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code account_import} and {@code account_import_row} tables of a tenant. Tables
 * are named with their schema, so the same code serves requests and the background
 * worker.
 */
class ImportStore {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, String>> KEYS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	ImportStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	void insert(String schema, UUID id, String fileName, String sha256, String staff, Instant now) {
		this.jdbc
			.sql("INSERT INTO " + schema + ".account_import (id, file_name, file_sha256, state, uploaded_by,"
					+ " uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, fileName, sha256, ImportState.PREVIEW.name(), staff, Timestamp.from(now))
			.update();
	}

	void insertRow(String schema, UUID id, NewRow row) {
		this.jdbc
			.sql("INSERT INTO " + schema + ".account_import_row (import_id, line, last_name, first_names, email,"
					+ " service_keys, status, reasons, keycloak_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, row.line(), cut(row.lastName(), 200), cut(row.firstNames(), 200), cut(row.email(), 320),
					json.writeValueAsString(row.serviceKeys()), row.status().name(), reasons(row.reasons()),
					row.existingUserId())
			.update();
	}

	Optional<ImportSummary> find(String schema, UUID id) {
		return this.jdbc.sql(SUMMARY + schema + ".account_import i WHERE i.id = ?")
			.param(id)
			.query((rs, n) -> summary(rs, schema))
			.optional();
	}

	List<ImportSummary> latest(String schema, int limit) {
		return this.jdbc.sql(SUMMARY + schema + ".account_import i ORDER BY i.uploaded_at DESC LIMIT ?")
			.param(limit)
			.query((rs, n) -> summary(rs, schema))
			.list();
	}

	List<RowView> rows(String schema, UUID id) {
		return this.jdbc
			.sql("SELECT line, last_name, first_names, email, service_keys, status, reasons, username FROM " + schema
					+ ".account_import_row WHERE import_id = ? ORDER BY line")
			.param(id)
			.query((rs, n) -> new RowView(rs.getInt("line"), nonNull(rs.getString("last_name")),
					nonNull(rs.getString("first_names")), nonNull(rs.getString("email")),
					keys(rs.getString("service_keys")), RowStatus.valueOf(rs.getString("status")),
					reasons(rs.getString("reasons")), nonNull(rs.getString("username"))))
			.list();
	}

	/** Starts the import if it is still a preview with lines to create. */
	boolean confirm(String schema, UUID id, String staff, Instant now) {
		return this.jdbc
			.sql("UPDATE " + schema
					+ ".account_import SET state = ?, confirmed_by = ?, confirmed_at = ?, heartbeat_at = ? WHERE id = ?"
					+ " AND state = ? AND EXISTS (SELECT 1 FROM " + schema
					+ ".account_import_row r WHERE r.import_id = ? AND r.status = ?)")
			.params(ImportState.RUNNING.name(), staff, Timestamp.from(now), Timestamp.from(now), id,
					ImportState.PREVIEW.name(), id, RowStatus.PENDING.name())
			.update() == 1;
	}

	/**
	 * Takes over a running import whose worker has been silent longer than the limit (an
	 * instance stopped during the import).
	 */
	boolean takeOver(String schema, UUID id, Instant now, Duration silentFor) {
		return this.jdbc
			.sql("UPDATE " + schema + ".account_import SET heartbeat_at = ? WHERE id = ? AND state = ?"
					+ " AND heartbeat_at < ?")
			.params(Timestamp.from(now), id, ImportState.RUNNING.name(), Timestamp.from(now.minus(silentFor)))
			.update() == 1;
	}

	Optional<PendingRow> nextPending(String schema, UUID id) {
		return this.jdbc
			.sql("SELECT line, last_name, first_names, email, service_keys FROM " + schema
					+ ".account_import_row WHERE import_id = ? AND status = ? ORDER BY line LIMIT 1")
			.params(id, RowStatus.PENDING.name())
			.query((rs, n) -> new PendingRow(rs.getInt("line"), rs.getString("last_name"), rs.getString("first_names"),
					rs.getString("email"), keys(rs.getString("service_keys"))))
			.optional();
	}

	void rowDone(String schema, UUID id, int line, RowStatus status, @Nullable String userId, @Nullable String username,
			List<Reason> reasons, Instant now) {
		this.jdbc
			.sql("UPDATE " + schema + ".account_import_row SET status = ?, keycloak_user_id = ?, username = ?,"
					+ " reasons = ?, processed_at = ? WHERE import_id = ? AND line = ?")
			.params(status.name(), userId, username, reasons(reasons), Timestamp.from(now), id, line)
			.update();
		this.jdbc.sql("UPDATE " + schema + ".account_import SET heartbeat_at = ? WHERE id = ?")
			.params(Timestamp.from(now), id)
			.update();
	}

	/** Ends a running import; false if it had ended already. */
	boolean finish(String schema, UUID id, Instant now) {
		return this.jdbc
			.sql("UPDATE " + schema + ".account_import SET state = ?, finished_at = ? WHERE id = ? AND state = ?")
			.params(ImportState.DONE.name(), Timestamp.from(now), id, ImportState.RUNNING.name())
			.update() == 1;
	}

	private static final String SUMMARY = "SELECT i.id, i.file_name, i.state, i.uploaded_by, i.uploaded_at,"
			+ " i.confirmed_by, i.confirmed_at, i.finished_at, i.heartbeat_at FROM ";

	private ImportSummary summary(ResultSet rs, String schema) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		Map<RowStatus, Integer> counts = new LinkedHashMap<>();
		for (RowStatus status : RowStatus.values()) {
			counts.put(status, 0);
		}
		this.jdbc
			.sql("SELECT status, count(*) AS n FROM " + schema
					+ ".account_import_row WHERE import_id = ? GROUP BY status")
			.param(id)
			.query((row) -> {
				counts.put(RowStatus.valueOf(row.getString("status")), row.getInt("n"));
			});
		return new ImportSummary(id, rs.getString("file_name"), ImportState.valueOf(rs.getString("state")),
				rs.getString("uploaded_by"), instant(rs.getTimestamp("uploaded_at")), rs.getString("confirmed_by"),
				instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("finished_at")),
				instant(rs.getTimestamp("heartbeat_at")), counts);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static String cut(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

	private static @Nullable String reasons(List<Reason> reasons) {
		return reasons.isEmpty() ? null : json.writeValueAsString(reasons);
	}

	private static List<Reason> reasons(@Nullable String column) {
		return (column == null || column.isBlank()) ? List.of() : json.readValue(column, REASONS);
	}

	private static Map<String, String> keys(@Nullable String column) {
		return (column == null || column.isBlank()) ? Map.of() : json.readValue(column, KEYS);
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
