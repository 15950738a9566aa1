package fr.espacecommun.rights;

import java.util.List;
import java.util.Set;

/**
 * Every table of a tenant's schema holding data about a citizen, how the citizen's rows
 * are found and what erasure does to them. A table a feature adds with a
 * {@code keycloak_user_id} column must be listed here: the export test compares this list
 * with the schema.
 */
final class CitizenTables {

	/** The citizen's Keycloak id (named parameter). */
	static final String USER = "user";

	/** The citizen's registration ids, which are also their wizard drafts' ids. */
	static final String DRAFTS = "drafts";

	static final List<Source> SOURCES = List.of(
			new Source("profile", "citizen_profile", "keycloak_user_id = :user", "created_at", Set.of(), Erasure.DELETE,
					true),
			new Source("serviceKeys", "service_key_link", "keycloak_user_id = :user", "service_id", Set.of(),
					Erasure.DELETE, false),
			// the back office's own record of the keys the citizen linked (holder's
			// name):
			// a separate processing of the service, not the account's; shown, not erased
			new Source("serviceKeyRegistry", "service_key",
					"(service_id, key_value) IN (SELECT service_id, key_value FROM %s.service_key_link"
							+ " WHERE keycloak_user_id = :user)",
					"service_id", Set.of(), Erasure.KEEP, false),
			new Source("acceptances", "acceptance_proof", "keycloak_user_id = :user", "accepted_at", Set.of(),
					Erasure.ANONYMISE, false),
			new Source("registrations", "registration", "keycloak_user_id = :user", "created_at", Set.of(),
					Erasure.DELETE, false),
			// only the SHA-256 of a link is stored; it is a credential, not information
			new Source("activationLinks", "activation_token", "keycloak_user_id = :user", "created_at",
					Set.of("token_hash"), Erasure.DELETE, false),
			new Source("preProvisioning", "pre_provisioned_account", "keycloak_user_id = :user", "created_at",
					Set.of("password_hash"), Erasure.DELETE, false),
			// the line of a staff import that created the account (names, e-mail)
			new Source("accountImports", "account_import_row", "keycloak_user_id = :user", "line", Set.of(),
					Erasure.DELETE, false),
			// a submitted draft keeps what was typed until it expires; its id is the
			// registration id
			new Source("drafts", "wizard_draft", "id IN (:drafts)", "created_at", Set.of("security_challenge"),
					Erasure.DELETE, false),
			// append-only, and holds ids only: nothing to erase
			new Source("audit", "audit_entry", "subject = :user", "at", Set.of(), Erasure.KEEP, false));

	private CitizenTables() {
	}

	/** What erasure does to a citizen's rows of a table. */
	enum Erasure {

		/** Rows are deleted. */
		DELETE,
		/** Rows are kept as proof, their link to the account replaced by a pseudonym. */
		ANONYMISE,
		/** Rows are not the account's to erase. */
		KEEP

	}

	/**
	 * A table holding citizen data.
	 *
	 * @param section the export's key for these rows
	 * @param table the table in the tenant's schema
	 * @param condition how the citizen's rows are selected ({@code %s} is the schema)
	 * @param orderBy the rows' order in the export
	 * @param withheld columns left out of the export (secrets, not information)
	 * @param erasure what erasure does
	 * @param single whether the citizen has at most one row
	 */
	record Source(String section, String table, String condition, String orderBy, Set<String> withheld, Erasure erasure,
			boolean single) {

		String where(String schema) {
			return this.condition.formatted(schema);
		}

		boolean needsDrafts() {
			return this.condition.contains(":" + DRAFTS);
		}

	}

}
