package fr.espacecommun.identity;

import java.util.List;

import fr.espacecommun.identity.PasswordRules.PasswordCheck;
import fr.espacecommun.identity.PasswordRules.Rule;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.BadRequestException;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Changes a citizen's password in their commune's realm: checked first against the
 * commune's rules (for the commune's own wording), then set in Keycloak, which applies
 * the same policy.
 */
public class CitizenPasswords {

	private final KeycloakClusters clusters;

	public CitizenPasswords(KeycloakClusters clusters) {
		this.clusters = clusters;
	}

	/**
	 * Sets the new password.
	 * @return the rules the password does not meet (empty when it was changed)
	 */
	public List<Rule> change(TenantDefinition tenant, String userId, String newPassword) {
		UserRepresentation user = this.clusters.forTenant(tenant)
			.realm(tenant.realm())
			.users()
			.get(userId)
			.toRepresentation();
		PasswordCheck check = PasswordRules.check(tenant.passwordPolicy(), newPassword, user.getUsername(),
				user.getEmail());
		if (!check.ok()) {
			return check.unmet();
		}
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setTemporary(false);
		credential.setValue(newPassword);
		try {
			this.clusters.forTenant(tenant).realm(tenant.realm()).users().get(userId).resetPassword(credential);
		}
		catch (BadRequestException ex) {
			// the realm's policy and ours agree on every password (differential test):
			// only a
			// policy edited in Keycloak alone gets here
			throw new IllegalStateException("Keycloak refused a password the commune's rules accept", ex);
		}
		return List.of();
	}

}
