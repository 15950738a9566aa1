package fr.espacecommun.settings;

import java.util.Optional;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.tenant.FieldKind;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;

/**
 * Which wizard fields a commune's staff may switch between required, optional and hidden,
 * and why the others stay as the operator declared them; the reasons follow from the
 * field registry ({@link FieldCatalog}).
 */
public final class FieldLocks {

	private FieldLocks() {
	}

	/** Why this field may not be changed, or empty when staff may change it. */
	public static Optional<Lock> lockOf(TenantDefinition tenant, String fieldId) {
		Optional<CitizenField> found = FieldCatalog.field(fieldId);
		if (found.isEmpty()) {
			return Optional.of(Lock.UNKNOWN);
		}
		CitizenField field = found.get();
		if (field.id().equals("username") && tenant.usernameMode() == UsernameMode.EMAIL) {
			return Optional.of(Lock.USERNAME_IS_EMAIL);
		}
		// the username, the e-mail address (unique in the realm, the mails' address) and
		// the names: Keycloak's user profile requires them of every account
		if (field.keptByKeycloak()) {
			return Optional.of(Lock.KEYCLOAK);
		}
		if (field.step() == StepType.ACCOUNT_TYPE) {
			return Optional.of(Lock.ACCOUNT_TYPE);
		}
		if (field.kind() == FieldKind.PHOTO) {
			return Optional.of(Lock.PHOTO);
		}
		// the file rules refuse a required field whose step the wizard lacks
		if (!tenant.hasStep(field.step())) {
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
