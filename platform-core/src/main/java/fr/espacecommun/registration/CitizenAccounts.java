package fr.espacecommun.registration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.registration.internal.KeycloakRefusals;
import fr.espacecommun.registration.internal.RegistrationIdAttribute;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Citizens' accounts in their commune's realm, through the Keycloak Admin Client. Every
 * failure to reach Keycloak becomes an {@link IdentityUnavailableException}; Keycloak's
 * refusals become the registration contract's exceptions.
 */
public class CitizenAccounts {

	/** User attribute holding the wizard's registration id: the key of idempotence. */
	public static final String REGISTRATION_ID = "registrationId";

	private final KeycloakClusters clusters;

	private final RegistrationIdAttribute registrationId = new RegistrationIdAttribute();

	private final Cache<Keycloak, Map<String, UsersResource>> resources = Caffeine.newBuilder().weakKeys().build();

	public CitizenAccounts(KeycloakClusters clusters) {
		this.clusters = clusters;
	}

	/** Whether no account of the realm holds this username. */
	public boolean isUsernameFree(TenantDefinition tenant, String username) {
		return call(() -> users(tenant).searchByUsername(normalise(username), true).isEmpty());
	}

	/** Whether no account of the realm holds this e-mail address. */
	public boolean isEmailFree(TenantDefinition tenant, String email) {
		return call(() -> users(tenant).searchByEmail(normalise(email), true).isEmpty());
	}

	/**
	 * Whether no account of the realm holds this value as username or as e-mail address,
	 * in one call: Keycloak's exact search ({@code "value"}) looks at both (and at the
	 * names, which are filtered out here).
	 */
	public boolean isUsernameAndEmailFree(TenantDefinition tenant, String value) {
		String wanted = normalise(value);
		return call(() -> users(tenant).search("\"" + wanted + "\"", 0, 20, true)
			.stream()
			.noneMatch((user) -> wanted.equals(normalise(user.getUsername()))
					|| wanted.equals(normalise(user.getEmail()))));
	}

	/** The account created for this registration, if a previous attempt created it. */
	public Optional<UserRepresentation> findByRegistrationId(TenantDefinition tenant, UUID registrationId) {
		return call(
				() -> users(tenant).searchByAttributes(0, 2, null, false, true, REGISTRATION_ID + ":" + registrationId)
					.stream()
					.findFirst());
	}

	/** The account holding this e-mail address. */
	public Optional<UserRepresentation> findByEmail(TenantDefinition tenant, String email) {
		return call(() -> users(tenant).searchByEmail(normalise(email), true).stream().findFirst());
	}

	/** The account. */
	public UserRepresentation get(TenantDefinition tenant, String userId) {
		return call(() -> users(tenant).get(userId).toRepresentation());
	}

	/**
	 * Creates the account with its password in one call, so Keycloak refuses a password
	 * against the realm's policy without leaving a user behind.
	 * @return the Keycloak user id
	 */
	public String create(TenantDefinition tenant, NewAccount account) {
		declareRegistrationAttribute(tenant);
		UserRepresentation user = new UserRepresentation();
		user.setUsername(normalise(account.username()));
		user.setEmail(normalise(account.email()));
		user.setFirstName(account.firstName());
		user.setLastName(account.lastName());
		user.setEnabled(account.enabled());
		// nobody has proved the mailbox yet: the activation link does that
		user.setEmailVerified(false);
		if (account.registrationId() != null) {
			user.setAttributes(Map.of(REGISTRATION_ID, List.of(account.registrationId().toString())));
		}
		user.setCredentials(List.of(password(account.password())));
		return call(() -> {
			try (Response response = users(tenant).create(user)) {
				if (response.getStatus() == 409) {
					throw KeycloakRefusals.conflict(response, account.username(), account.email());
				}
				if (response.getStatus() == 400) {
					throw KeycloakRefusals.badRequest(response);
				}
				return CreatedResponseUtil.getCreatedId(response);
			}
		});
	}

	/** Enables the account; the mailbox counts as verified when a mailed link did it. */
	public void enable(TenantDefinition tenant, String userId, boolean emailVerified) {
		call(() -> {
			UserResource resource = users(tenant).get(userId);
			UserRepresentation user = resource.toRepresentation();
			user.setEnabled(true);
			if (emailVerified) {
				user.setEmailVerified(true);
			}
			resource.update(user);
			return null;
		});
	}

	/** Removes the account (undoing a creation whose records could not be stored). */
	public void delete(TenantDefinition tenant, String userId) {
		call(() -> {
			try (Response response = users(tenant).delete(userId)) {
				return response.getStatus();
			}
		});
	}

	/** Gives the account another username. */
	public void rename(TenantDefinition tenant, String userId, String username) {
		call(() -> {
			UserResource resource = users(tenant).get(userId);
			UserRepresentation user = resource.toRepresentation();
			if (user.getUsername().equals(normalise(username))) {
				return null;
			}
			user.setUsername(normalise(username));
			try {
				resource.update(user);
			}
			catch (ClientErrorException ex) {
				if (ex.getResponse().getStatus() == 409) {
					throw new UsernameTakenException(username);
				}
				throw new IllegalArgumentException(
						"Keycloak refused the new username: " + KeycloakRefusals.body(ex.getResponse()), ex);
			}
			return null;
		});
	}

	/** Replaces the account's password; Keycloak checks it against the realm's policy. */
	public void setPassword(TenantDefinition tenant, String userId, String password) {
		call(() -> {
			try {
				users(tenant).get(userId).resetPassword(password(password));
			}
			catch (ClientErrorException ex) {
				if (ex.getResponse().getStatus() == 400) {
					throw KeycloakRefusals.badRequest(ex.getResponse());
				}
				throw ex;
			}
			return null;
		});
	}

	/**
	 * Keycloak 26 drops attributes its user profile does not declare: the registration id
	 * is declared once per realm, visible and editable by administrators only.
	 */
	void declareRegistrationAttribute(TenantDefinition tenant) {
		call(() -> {
			this.registrationId.declare(tenant, users(tenant));
			return null;
		});
	}

	/**
	 * The realm's users resource, built once per client and realm: the Admin Client makes
	 * its resources as proxies by reflection, which cost more CPU than the call itself. A
	 * client the clusters replace takes its resources with it (weak, identity keys).
	 */
	private UsersResource users(TenantDefinition tenant) {
		Keycloak client = this.clusters.forTenant(tenant);
		return this.resources.get(client, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(tenant.realm(), (realm) -> client.realm(realm).users());
	}

	private static <T> T call(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (ProcessingException | ServerErrorException ex) {
			// connection refused, timeouts, Keycloak starting or overloaded
			throw new IdentityUnavailableException("Keycloak unavailable: " + ex.getMessage(), ex);
		}
	}

	private static CredentialRepresentation password(String value) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(value);
		credential.setTemporary(false);
		return credential;
	}

	/** Keycloak stores usernames and e-mails in lower case. */
	public static String normalise(@Nullable String value) {
		return (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * An account to create.
	 *
	 * @param registrationId the wizard's registration id, or null for accounts the
	 * commune creates
	 * @param username the username
	 * @param email the e-mail address
	 * @param firstName first names
	 * @param lastName last name
	 * @param password the password, never stored by the platform
	 * @param enabled whether the citizen may sign in at once
	 */
	public record NewAccount(@Nullable UUID registrationId, String username, String email, String firstName,
			String lastName, String password, boolean enabled) {

		@Override
		public String toString() {
			return "NewAccount[" + this.username + "]";
		}

	}

}
