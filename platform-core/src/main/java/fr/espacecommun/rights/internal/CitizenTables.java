package fr.espacecommun.rights.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import fr.espacecommun.accountimport.ImportHoldings;
import fr.espacecommun.activation.ActivationHoldings;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.registration.CitizenHoldings;
import fr.espacecommun.wizard.CitizenDrafts;

/**
 * Every table of a tenant's schema holding data about a citizen, which feature reads and
 * erases the citizen's rows (through its own API) and what erasure does to them. A table
 * a feature adds with a {@code keycloak_user_id} column must be listed here: the export
 * test compares this list with the schema.
 */
final class CitizenTables {

	private CitizenTables() {
	}

	static List<Source> sources(CitizenHoldings registration, ActivationHoldings activation, ImportHoldings imports,
			CitizenDrafts drafts, AuditLog audit) {
		return List.of(
				new Source("profile", "citizen_profile", Set.of(), Erasure.DELETE, true,
						(user, ids) -> registration.profile(user),
						(user, ids, pseudonym, now) -> registration.deleteProfile(user)),
				new Source("serviceKeys", "service_key_link", Set.of(), Erasure.DELETE, false,
						(user, ids) -> registration.serviceKeys(user),
						(user, ids, pseudonym, now) -> registration.deleteServiceKeys(user)),
				// the back office's own record of the keys the citizen linked (holder's
				// name): a separate processing of the service, not the account's; shown,
				// not erased
				new Source("serviceKeyRegistry", "service_key", Set.of(), Erasure.KEEP, false,
						(user, ids) -> registration.registryKeys(user), Eraser.NONE),
				// RGPD art. 17(3)(e): erasure does not reach what the controller needs to
				// establish or defend legal claims, and art. 7(1) makes the commune prove
				// consents: which text (version, SHA-256) was accepted, when, stays; who
				// becomes a random pseudonym, traceable to the account only through the
				// audit log's erasure entry (ids only)
				new Source("acceptances", "acceptance_proof", Set.of(), Erasure.ANONYMISE, false,
						(user, ids) -> registration.acceptances(user),
						(user, ids, pseudonym, now) -> registration.anonymiseAcceptances(user, pseudonym, now)),
				new Source("registrations", "registration", Set.of(), Erasure.DELETE, false,
						(user, ids) -> registration.registrations(user),
						(user, ids, pseudonym, now) -> registration.deleteRegistrations(user)),
				// only the SHA-256 of a link is stored; it is a credential, not
				// information
				new Source("activationLinks", "activation_token", Set.of(ActivationHoldings.TOKEN_HASH), Erasure.DELETE,
						false, (user, ids) -> activation.links(user),
						(user, ids, pseudonym, now) -> activation.deleteLinks(user)),
				new Source("preProvisioning", "pre_provisioned_account", Set.of(ActivationHoldings.PASSWORD_HASH),
						Erasure.DELETE, false, (user, ids) -> activation.preProvisioning(user),
						(user, ids, pseudonym, now) -> activation.deletePreProvisioning(user)),
				// the line of a staff import that created the account (names, e-mail)
				new Source("accountImports", "account_import_row", Set.of(), Erasure.DELETE, false,
						(user, ids) -> imports.lines(user), (user, ids, pseudonym, now) -> imports.delete(user)),
				// a submitted draft keeps what was typed until it expires; its id is the
				// registration id
				new Source("drafts", "wizard_draft", Set.of(CitizenDrafts.SECURITY_CHALLENGE), Erasure.DELETE, false,
						(user, ids) -> drafts.export(ids), (user, ids, pseudonym, now) -> drafts.erase(ids)),
				// append-only, and holds ids only: nothing to erase
				new Source("audit", "audit_entry", Set.of(), Erasure.KEEP, false, (user, ids) -> audit.about(user),
						Eraser.NONE));
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

	/** Reads the citizen's rows, found by their account or their drafts' ids. */
	@FunctionalInterface
	interface Reader {

		List<?> rows(String userId, Collection<UUID> draftIds);

	}

	/** Erases the citizen's rows; returns how many were deleted or anonymised. */
	@FunctionalInterface
	interface Eraser {

		Eraser NONE = (user, ids, pseudonym, now) -> 0;

		int erase(String userId, Collection<UUID> draftIds, String pseudonym, Instant now);

	}

	/**
	 * A table holding citizen data.
	 *
	 * @param section the export's key for these rows
	 * @param table the table in the tenant's schema
	 * @param withheld columns left out of the export (secrets, not information)
	 * @param erasure what erasure does
	 * @param single whether the citizen has at most one row
	 * @param reader how the feature owning the table reads the rows
	 * @param eraser how it erases them
	 */
	record Source(String section, String table, Set<String> withheld, Erasure erasure, boolean single, Reader reader,
			Eraser eraser) {
	}

}
