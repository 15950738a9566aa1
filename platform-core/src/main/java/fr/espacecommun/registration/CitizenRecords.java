package fr.espacecommun.registration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the platform keeps about a citizen in the tenant's schema: the profile, the
 * acceptance proofs and the service keys. Tables are named with their schema
 * ({@code t_<id>}), so the same code works inside a request or a background task.
 */
public class CitizenRecords {

	/** Wizard field id (FieldCatalog) → citizen_profile column. */
	static final Map<String, String> PROFILE_COLUMNS = profileColumns();

	private final JdbcClient jdbc;

	public CitizenRecords(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Creates or replaces the citizen's profile from the wizard's fields; identity
	 * (names, e-mail) lives in Keycloak and is not copied here.
	 */
	public void saveProfile(TenantDefinition tenant, String userId, String accountType, Map<String, String> fields,
			Instant now) {
		StringBuilder columns = new StringBuilder("id, keycloak_user_id, created_at, updated_at, account_type");
		StringBuilder values = new StringBuilder(":id, :user, :now, :now, :accountType");
		StringBuilder updates = new StringBuilder("updated_at = :now, account_type = :accountType");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("id", UUID.randomUUID());
		params.put("user", userId);
		params.put("now", java.sql.Timestamp.from(now));
		params.put("accountType", accountType);
		PROFILE_COLUMNS.forEach((field, column) -> {
			columns.append(", ").append(column);
			values.append(", :").append(column);
			updates.append(", ").append(column).append(" = EXCLUDED.").append(column);
			String value = blankToNull(fields.get(field));
			params.put(column, column.equals("birth_date") ? parseDate(value) : value);
		});
		this.jdbc
			.sql("INSERT INTO " + tenant.schema() + ".citizen_profile (" + columns + ") VALUES (" + values
					+ ") ON CONFLICT (keycloak_user_id) DO UPDATE SET " + updates)
			.params(params)
			.update();
	}

	/**
	 * Replaces the citizen's phone numbers and preferred contact method, as edited in Mon
	 * espace (blank values clear them).
	 */
	public void updateContact(TenantDefinition tenant, String userId, Map<String, String> contact, Instant now) {
		this.jdbc
			.sql("UPDATE " + tenant.schema() + ".citizen_profile SET phone = ?, mobile = ?, fax = ?,"
					+ " preferred_contact = ?, updated_at = ? WHERE keycloak_user_id = ?")
			.params(blankToNull(contact.get("phone")), blankToNull(contact.get("mobile")),
					blankToNull(contact.get("fax")), blankToNull(contact.get("preferredContact")),
					java.sql.Timestamp.from(now), userId)
			.update();
	}

	/** The stored profile, by column name. */
	public Optional<Map<String, Object>> profile(TenantDefinition tenant, String userId) {
		return this.jdbc.sql("SELECT * FROM " + tenant.schema() + ".citizen_profile WHERE keycloak_user_id = ?")
			.param(userId)
			.query()
			.listOfRows()
			.stream()
			.findFirst();
	}

	/** Stores an acceptance as proof. */
	public void saveAcceptance(TenantDefinition tenant, String userId, Acceptance acceptance) {
		this.jdbc.sql("INSERT INTO " + tenant.schema()
				+ ".acceptance_proof (id, keycloak_user_id, kind, version, sha256, accepted_at) VALUES (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), userId, acceptance.kind(), acceptance.version(), acceptance.sha256(),
					java.sql.Timestamp.from(acceptance.acceptedAt()))
			.update();
	}

	/** The citizen's acceptances, oldest first. */
	public List<Acceptance> acceptances(TenantDefinition tenant, String userId) {
		return this.jdbc
			.sql("SELECT kind, version, sha256, accepted_at FROM " + tenant.schema()
					+ ".acceptance_proof WHERE keycloak_user_id = ? ORDER BY accepted_at")
			.param(userId)
			.query((rs, row) -> new Acceptance(rs.getString("kind"), rs.getString("version"), rs.getString("sha256"),
					rs.getTimestamp("accepted_at").toInstant()))
			.list();
	}

	/**
	 * Links the citizen's service keys (replacing a previous key of the same service); a
	 * key the tenant's registry knows is marked verified. Blank keys unlink.
	 */
	public void linkServiceKeys(TenantDefinition tenant, String userId, Map<String, String> keys, Instant now) {
		String schema = tenant.schema();
		keys.forEach((serviceId, rawValue) -> {
			String value = blankToNull(rawValue);
			if (value == null) {
				this.jdbc
					.sql("DELETE FROM " + schema + ".service_key_link WHERE keycloak_user_id = ? AND service_id = ?")
					.params(userId, serviceId)
					.update();
				return;
			}
			boolean verified = this.jdbc
				.sql("SELECT count(*) FROM " + schema + ".service_key WHERE service_id = ? AND key_value = ?")
				.params(serviceId, value)
				.query(Long.class)
				.single() > 0;
			this.jdbc.sql("INSERT INTO " + schema
					+ ".service_key_link (id, keycloak_user_id, service_id, key_value, verified, linked_at) VALUES (?, ?, ?, ?, ?, ?)"
					+ " ON CONFLICT (keycloak_user_id, service_id) DO UPDATE SET key_value = EXCLUDED.key_value,"
					+ " verified = EXCLUDED.verified, linked_at = EXCLUDED.linked_at")
				.params(UUID.randomUUID(), userId, serviceId, value, verified, java.sql.Timestamp.from(now))
				.update();
		});
	}

	/** The citizen's service keys by service id. */
	public Map<String, LinkedKey> serviceKeys(TenantDefinition tenant, String userId) {
		Map<String, LinkedKey> keys = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT service_id, key_value, verified FROM " + tenant.schema()
					+ ".service_key_link WHERE keycloak_user_id = ? ORDER BY service_id")
			.param(userId)
			.query((rs) -> {
				keys.put(rs.getString("service_id"), new LinkedKey(rs.getString("service_id"),
						rs.getString("key_value"), rs.getBoolean("verified")));
			});
		return keys;
	}

	/** Records that the citizen's submitted registration is now active. */
	public void markRegistrationActive(TenantDefinition tenant, String userId, Instant now) {
		this.jdbc
			.sql("UPDATE " + tenant.schema()
					+ ".registration SET state = 'ACTIVE', updated_at = ? WHERE keycloak_user_id = ?")
			.params(java.sql.Timestamp.from(now), userId)
			.update();
	}

	/** Whether the account's registration waits for its e-mail link. */
	public boolean hasPendingEmailLink(TenantDefinition tenant, String userId) {
		return this.jdbc
			.sql("SELECT count(*) FROM " + tenant.schema()
					+ ".registration WHERE keycloak_user_id = ? AND state = 'AWAITING_EMAIL_CONFIRMATION'")
			.param(userId)
			.query(Long.class)
			.single() > 0;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	// the wizard sends ISO dates (input type=date); French typing is accepted too
	private static @Nullable LocalDate parseDate(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			return LocalDate.parse(value, DateTimeFormatter.ofPattern("dd/MM/uuuu"));
		}
	}

	private static Map<String, String> profileColumns() {
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put("organisationName", "organisation_name");
		columns.put("siret", "siret");
		columns.put("rna", "rna");
		columns.put("civility", "civility");
		columns.put("birthName", "birth_name");
		columns.put("birthDate", "birth_date");
		columns.put("birthCountry", "birth_country");
		columns.put("birthDepartment", "birth_department");
		columns.put("birthCity", "birth_city");
		columns.put("addressSearch", "address_label");
		columns.put("streetNumber", "street_number");
		columns.put("streetName", "street_name");
		columns.put("building", "building");
		columns.put("apartment", "apartment");
		columns.put("complement", "complement");
		columns.put("postalCode", "postal_code");
		columns.put("city", "city");
		columns.put("country", "country");
		columns.put("phone", "phone");
		columns.put("mobile", "mobile");
		columns.put("fax", "fax");
		columns.put("preferredContact", "preferred_contact");
		return Map.copyOf(columns);
	}

	/**
	 * A service key linked to an account.
	 *
	 * @param serviceId the tenant's service ({@code enfance})
	 * @param value the key
	 * @param verified whether the tenant's registry knows the key
	 */
	public record LinkedKey(String serviceId, String value, boolean verified) {
	}

}
