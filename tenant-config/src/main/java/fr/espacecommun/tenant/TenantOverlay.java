package fr.espacecommun.tenant;

import java.util.Map;

/**
 * What a commune's staff changed at run time (CGU, password policy, field rules) laid
 * over the operator's declaration. The files say what a tenant is; the overlay, stored
 * elsewhere (the database), says what its staff decided since. Re-reading an unchanged
 * file therefore never undoes a staff member's edit.
 */
@FunctionalInterface
public interface TenantOverlay {

	/** No run-time edits: the files alone. */
	TenantOverlay NONE = (declared) -> declared;

	/**
	 * The definitions to serve.
	 * @param declared the definitions the files declare, by tenant id
	 * @return the definitions with the staff's edits applied, by the same ids (ids, hosts
	 * and realms unchanged)
	 * @throws RuntimeException when the edits cannot be read: the catalogue then keeps
	 * serving what it served before
	 */
	Map<String, TenantDefinition> apply(Map<String, TenantDefinition> declared);

}
