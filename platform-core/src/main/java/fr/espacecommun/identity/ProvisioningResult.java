package fr.espacecommun.identity;

import java.time.Duration;
import java.util.List;

/**
 * What one provisioning of a realm did.
 *
 * @param realm the realm
 * @param created whether the realm did not exist and was created
 * @param changes what was found different from the declaration and updated (empty when
 * the realm already matched)
 * @param duration how long it took
 */
public record ProvisioningResult(String realm, boolean created, List<String> changes, Duration duration) {

	public ProvisioningResult {
		changes = List.copyOf(changes);
	}

	/** Whether Keycloak was modified. */
	public boolean modified() {
		return this.created || !this.changes.isEmpty();
	}

}
