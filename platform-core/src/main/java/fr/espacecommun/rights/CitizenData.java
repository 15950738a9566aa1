package fr.espacecommun.rights;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import fr.espacecommun.rights.CitizenTables.Erasure;
import fr.espacecommun.rights.CitizenTables.Source;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and erases a citizen's rows in every table of {@link CitizenTables}, in the
 * tenant's schema (named explicitly, as the other record classes do).
 */
class CitizenData {

	private final JdbcClient jdbc;

	CitizenData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The citizen's rows by section, every column but the withheld ones; values are JSON
	 * ready (text, numbers, booleans).
	 */
	Map<String, List<Map<String, @Nullable Object>>> rows(TenantDefinition tenant, String userId,
			Collection<UUID> registrationIds) {
		Set<UUID> drafts = drafts(tenant, userId, registrationIds);
		Map<String, List<Map<String, @Nullable Object>>> sections = new LinkedHashMap<>();
		for (Source source : CitizenTables.SOURCES) {
			if (source.needsDrafts() && drafts.isEmpty()) {
				sections.put(source.section(), List.of());
				continue;
			}
			List<Map<String, @Nullable Object>> rows = this.jdbc
				.sql("SELECT * FROM " + tenant.schema() + "." + source.table() + " WHERE "
						+ source.where(tenant.schema()) + " ORDER BY " + source.orderBy())
				.param(CitizenTables.USER, userId)
				.param(CitizenTables.DRAFTS, drafts)
				.query()
				.listOfRows()
				.stream()
				.map((row) -> exported(row, source))
				.toList();
			sections.put(source.section(), rows);
		}
		return sections;
	}

	/** How many rows each section holds. */
	Map<String, Integer> counts(TenantDefinition tenant, String userId, Collection<UUID> registrationIds) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		rows(tenant, userId, registrationIds).forEach((section, rows) -> counts.put(section, rows.size()));
		return counts;
	}

	/** The platform's records of these accounts, by Keycloak id. */
	Map<String, Records> records(TenantDefinition tenant, Collection<String> userIds) {
		Map<String, Records> records = new LinkedHashMap<>();
		if (userIds.isEmpty()) {
			return records;
		}
		this.jdbc
			.sql("SELECT u.id, r.state, p.keycloak_user_id IS NOT NULL AS has_profile"
					+ " FROM unnest(CAST(:ids AS varchar[])) AS u(id)" + " LEFT JOIN " + tenant.schema()
					+ ".registration r ON r.keycloak_user_id = u.id" + " LEFT JOIN " + tenant.schema()
					+ ".citizen_profile p ON p.keycloak_user_id = u.id")
			.param("ids", userIds.toArray(String[]::new))
			.query((rs) -> {
				records.put(rs.getString("id"), new Records(rs.getString("state"), rs.getBoolean("has_profile")));
			});
		return records;
	}

	/**
	 * Deletes the citizen's rows and anonymises their proofs, in the caller's
	 * transaction.
	 * @return rows deleted or anonymised, by table
	 */
	Map<String, Integer> erase(TenantDefinition tenant, String userId, Collection<UUID> registrationIds,
			String pseudonym, Instant now) {
		// drafts are found through the registration rows: collect them before deleting
		Set<UUID> drafts = drafts(tenant, userId, registrationIds);
		Map<String, Integer> changed = new LinkedHashMap<>();
		for (Source source : CitizenTables.SOURCES) {
			if (source.erasure() == Erasure.KEEP || (source.needsDrafts() && drafts.isEmpty())) {
				continue;
			}
			String table = tenant.schema() + "." + source.table();
			String where = source.where(tenant.schema());
			int count = switch (source.erasure()) {
				case DELETE -> this.jdbc.sql("DELETE FROM " + table + " WHERE " + where)
					.param(CitizenTables.USER, userId)
					.param(CitizenTables.DRAFTS, drafts)
					.update();
				// RGPD art. 17(3)(e): erasure does not reach what the controller needs to
				// establish or defend legal claims, and art. 7(1) makes the commune prove
				// consents: which text (version, SHA-256) was accepted, when, stays; who
				// becomes a random pseudonym, traceable to the account only through the
				// audit log's erasure entry (ids only)
				case ANONYMISE -> this.jdbc
					.sql("UPDATE " + table + " SET keycloak_user_id = NULL, username = NULL, pseudonym = :pseudonym,"
							+ " anonymised_at = :now WHERE " + where)
					.param(CitizenTables.USER, userId)
					.param("pseudonym", pseudonym)
					.param("now", Timestamp.from(now))
					.update();
				case KEEP -> 0;
			};
			changed.put(source.table(), count);
		}
		return changed;
	}

	private Set<UUID> drafts(TenantDefinition tenant, String userId, Collection<UUID> registrationIds) {
		Set<UUID> drafts = new LinkedHashSet<>(registrationIds);
		drafts.addAll(this.jdbc
			.sql("SELECT registration_id FROM " + tenant.schema() + ".registration WHERE keycloak_user_id = ?")
			.param(userId)
			.query(UUID.class)
			.list());
		return drafts;
	}

	private static Map<String, @Nullable Object> exported(Map<String, Object> row, Source source) {
		Map<String, @Nullable Object> exported = new LinkedHashMap<>();
		row.forEach((column, value) -> {
			if (!source.withheld().contains(column)) {
				exported.put(column, json(value));
			}
		});
		return exported;
	}

	private static @Nullable Object json(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Timestamp timestamp) {
			return timestamp.toInstant().toString();
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().toString();
		}
		return value.toString();
	}

	/**
	 * What the platform records about an account.
	 *
	 * @param registrationState the wizard registration's state, if any
	 * @param hasProfile whether a profile is stored
	 */
	record Records(@Nullable String registrationState, boolean hasProfile) {
	}

}
