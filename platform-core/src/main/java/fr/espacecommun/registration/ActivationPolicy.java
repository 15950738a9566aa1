package fr.espacecommun.registration;

import java.time.Instant;

import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Starts the activation a tenant's rule asks for once a submitted account exists:
 * implemented by the activation feature, so registration does not depend on it. Runs in
 * the submission's transaction; mails go out after its commit.
 */
public interface ActivationPolicy {

	/**
	 * Starts activating the account.
	 * @param tenant the tenant
	 * @param account the created account
	 * @param submittedAt when the citizen submitted
	 * @return the account's state, and the staff's deadline for manual approval
	 */
	Started start(TenantDefinition tenant, CreatedAccount account, Instant submittedAt);

	/** Whether accounts of this tenant may sign in as soon as created. */
	static boolean enabledAtOnce(TenantDefinition tenant) {
		return tenant.activation().mode() == TenantDefinition.ActivationMode.IMMEDIATE;
	}

	/**
	 * An account just created in the tenant's realm.
	 *
	 * @param userId Keycloak user id
	 * @param username its username
	 * @param email its e-mail address
	 * @param firstName first names
	 * @param lastName last name
	 */
	record CreatedAccount(String userId, String username, String email, String firstName, String lastName) {
	}

	/**
	 * Where the account stands after submission.
	 *
	 * @param state the activation state
	 * @param deadline for manual approval, by when staff will have activated it
	 */
	record Started(ActivationState state, @Nullable Instant deadline) {
	}

}
