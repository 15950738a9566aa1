package fr.espacecommun.registration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Turns a completed wizard into an account: the user in the tenant's realm, the profile,
 * proofs and service keys in the tenant's schema, and the activation the tenant's rule
 * asks for.
 */
public interface RegistrationService {

	/**
	 * Whether no account of the tenant's realm uses this username (or e-mail, for tenants
	 * whose username is the e-mail).
	 */
	boolean isUsernameAvailable(TenantDefinition tenant, String username);

	/**
	 * Creates the account. Idempotent: the same {@code registrationId} submitted twice,
	 * even concurrently, yields one account and the same outcome.
	 * @throws UsernameTakenException if another account holds the username
	 * @throws IdentityUnavailableException if the tenant's Keycloak cannot be reached;
	 * nothing was created and the citizen may submit again later
	 */
	RegistrationOutcome submit(RegistrationRequest request);

	/**
	 * A completed wizard.
	 *
	 * @param registrationId the draft's id, which makes submission idempotent
	 * @param tenant the tenant
	 * @param accountType {@code personal}, {@code association} or {@code company}
	 * @param fields every field value by field id (see FieldCatalog), blanks left out
	 * @param username chosen username (the e-mail for e-mail tenants)
	 * @param password the password; never stored by the platform
	 * @param serviceKeys service key values by key id
	 * @param acceptances CGU and consent acceptances, as proof
	 */
	record RegistrationRequest(UUID registrationId, TenantDefinition tenant, String accountType,
			Map<String, String> fields, String username, String password, Map<String, String> serviceKeys,
			List<Acceptance> acceptances) {

		public RegistrationRequest {
			fields = Map.copyOf(fields);
			serviceKeys = Map.copyOf(serviceKeys);
			acceptances = List.copyOf(acceptances);
		}

		@Override
		public String toString() {
			return "RegistrationRequest[" + this.registrationId + ", " + this.tenant.id() + "]";
		}

	}

	/**
	 * An acceptance, kept as proof.
	 *
	 * @param kind {@code cgu} or {@code consent}
	 * @param version version of the text accepted
	 * @param sha256 hash of the text accepted
	 * @param acceptedAt when
	 */
	record Acceptance(String kind, String version, String sha256, Instant acceptedAt) {
	}

	/**
	 * What the citizen is told after submitting.
	 *
	 * @param state the account's activation state
	 * @param username the username to sign in with
	 * @param email where mails were sent
	 * @param activationDeadline for manual approval: by when staff will have activated it
	 */
	record RegistrationOutcome(ActivationState state, String username, String email,
			@Nullable Instant activationDeadline) {
	}

	/** Where a new account stands. */
	enum ActivationState {

		/** Usable at once (CCVE). */
		ACTIVE,
		/** Waiting for the citizen to follow the mailed link (Fresnes, CCPLM). */
		AWAITING_EMAIL_CONFIRMATION,
		/** Waiting for staff approval, before the deadline (Villennes). */
		AWAITING_APPROVAL,
		/**
		 * Refused by staff (Villennes); the account was removed and the citizen mailed
		 * the reason.
		 */
		REJECTED

	}

	/** The username is held by another account of the realm. */
	class UsernameTakenException extends RuntimeException {

		public UsernameTakenException(String username) {
			super("Username already taken");
		}

	}

	/**
	 * The e-mail address is held by another account of the realm (realms refuse duplicate
	 * e-mails). A kind of {@link UsernameTakenException}, so a caller that only knows the
	 * latter still refuses the submission; for e-mail tenants the two are the same thing.
	 */
	class EmailTakenException extends UsernameTakenException {

		public EmailTakenException(String email) {
			super(email);
		}

	}

	/**
	 * Keycloak refused the password under the realm's policy. The wizard checks the
	 * policy first (PasswordRules); this is the last line, with Keycloak's reason.
	 */
	class PasswordRejectedException extends RuntimeException {

		private final String reason;

		public PasswordRejectedException(String reason) {
			super("Password refused by the realm's policy: " + reason);
			this.reason = reason;
		}

		/** Keycloak's message key, such as {@code invalidPasswordMinLengthMessage}. */
		public String reason() {
			return this.reason;
		}

	}

	/** The tenant's Keycloak cannot be reached. */
	class IdentityUnavailableException extends RuntimeException {

		public IdentityUnavailableException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * Too many submissions at once on this instance: this one waited its turn in vain.
	 * Nothing was created; like {@link IdentityUnavailableException}, the citizen may
	 * submit again a little later.
	 */
	class SubmissionsBusyException extends IdentityUnavailableException {

		public SubmissionsBusyException(String message) {
			super(message, null);
		}

	}

}
