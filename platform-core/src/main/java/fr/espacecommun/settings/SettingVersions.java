package fr.espacecommun.settings;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code platform.tenant_setting_version} table: versions are added, never changed.
 */
class SettingVersions {

	private static final String COLUMNS = "tenant_id, kind, version, value, author, created_at";

	private final JdbcClient jdbc;

	SettingVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The newest version of every setting of every tenant, in one query. */
	List<SettingVersion> latest() {
		return this.jdbc
			.sql("SELECT DISTINCT ON (tenant_id, kind) " + COLUMNS
					+ " FROM platform.tenant_setting_version ORDER BY tenant_id, kind, version DESC")
			.query(SettingVersions::map)
			.list();
	}

	Optional<SettingVersion> latest(String tenantId, SettingKind kind) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM platform.tenant_setting_version"
					+ " WHERE tenant_id = ? AND kind = ? ORDER BY version DESC LIMIT 1")
			.params(tenantId, kind.name())
			.query(SettingVersions::map)
			.optional();
	}

	/** Every version of one setting, newest first. */
	List<SettingVersion> history(String tenantId, SettingKind kind) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM platform.tenant_setting_version"
					+ " WHERE tenant_id = ? AND kind = ? ORDER BY version DESC")
			.params(tenantId, kind.name())
			.query(SettingVersions::map)
			.list();
	}

	/**
	 * Adds the next version; two staff members publishing at once get versions n and n+1,
	 * or one of them fails on the primary key and nothing is lost silently.
	 */
	SettingVersion add(String tenantId, SettingKind kind, String value, String author, Instant at) {
		int version = this.jdbc
			.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM platform.tenant_setting_version"
					+ " WHERE tenant_id = ? AND kind = ?")
			.params(tenantId, kind.name())
			.query(Integer.class)
			.single();
		this.jdbc.sql("INSERT INTO platform.tenant_setting_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
			.params(tenantId, kind.name(), version, value, author, Timestamp.from(at))
			.update();
		return new SettingVersion(tenantId, kind, version, value, author, at);
	}

	private static SettingVersion map(java.sql.ResultSet row, int index) throws java.sql.SQLException {
		return new SettingVersion(row.getString("tenant_id"), SettingKind.valueOf(row.getString("kind")),
				row.getInt("version"), row.getString("value"), row.getString("author"),
				row.getTimestamp("created_at").toInstant());
	}

}
