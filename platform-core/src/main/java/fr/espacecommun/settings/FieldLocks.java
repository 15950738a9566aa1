package fr.espacecommun.settings;

import java.util.Optional;
import java.util.Set;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;

/**
 * Which wizard fields a commune's staff may switch between required, optional and hidden,
 * and why the others stay as the operator declared them.
 */
public final class FieldLocks {

	/**
	 * What Keycloak holds for every account: the username, the e-mail address (unique in
	 * the realm, the activation and password mails' address) and the names, which
	 * Keycloak's user profile requires (a user without them is asked for them at login).
	 */
	private static final Set<String> KEYCLOAK_FIELDS = Set.of("username", "email", "firstNames", "lastName");

	/** Asked or required by the kind of account the citizen chooses, not by this rule. */
	private static final Set<String> ACCOUNT_TYPE_FIELDS = Set.of("organisationName", "siret", "rna");

	private FieldLocks() {
	}

	/** Why this field may not be changed, or empty when staff may change it. */
	public static Optional<Lock> lockOf(TenantDefinition tenant, String fieldId) {
		if (fieldId.equals("username") && tenant.usernameMode() == UsernameMode.EMAIL) {
			return Optional.of(Lock.USERNAME_IS_EMAIL);
		}
		if (KEYCLOAK_FIELDS.contains(fieldId)) {
			return Optional.of(Lock.KEYCLOAK);
		}
		if (ACCOUNT_TYPE_FIELDS.contains(fieldId)) {
			return Optional.of(Lock.ACCOUNT_TYPE);
		}
		if (fieldId.equals("photo")) {
			return Optional.of(Lock.PHOTO);
		}
		Optional<StepType> step = FieldCatalog.stepOf(fieldId);
		if (step.isEmpty()) {
			return Optional.of(Lock.UNKNOWN);
		}
		// the file rules refuse a required field whose step the wizard lacks
		if (!tenant.hasStep(step.get())) {
			return Optional.of(Lock.STEP_MISSING);
		}
		return Optional.empty();
	}

	/** Why a field stays as declared. */
	public enum Lock {

		/** Keycloak needs it for every account. */
		KEYCLOAK,
		/** The username is the e-mail address: the field is never asked. */
		USERNAME_IS_EMAIL,
		/** Asked according to the kind of account (association, company). */
		ACCOUNT_TYPE,
		/** Added from Mon espace; the wizard never asks for it. */
		PHOTO,
		/** The step that collects it is not in the commune's wizard. */
		STEP_MISSING,
		/** Not a field of the catalogue. */
		UNKNOWN

	}

}
