package fr.espacecommun.rights.internal;

import java.util.Map;

/**
 * What erasing a citizen did.
 *
 * @param userId the erased account's Keycloak id
 * @param username its username, for the staff member's confirmation message only
 * @param proofPseudonym the pseudonym now holding the citizen's acceptance proofs
 * @param rows rows deleted or anonymised, by table
 */
public record Erasure(String userId, String username, String proofPseudonym, Map<String, Integer> rows) {

	public Erasure {
		rows = Map.copyOf(rows);
	}

}
