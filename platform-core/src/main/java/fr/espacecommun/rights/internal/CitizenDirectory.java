package fr.espacecommun.rights.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The citizens of a commune's realm as staff reach them: found by text or id, their
 * identity as Keycloak holds it, their account deleted. Only accounts with role
 * {@code citizen} and without the staff role are reached: any other id is "not found".
 */
class CitizenDirectory {

	static final String CITIZEN_ROLE = "citizen";

	static final String STAFF_ROLE = "tenant-admin";

	private static final Pattern KEYCLOAK_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final KeycloakClusters clusters;

	CitizenDirectory(KeycloakClusters clusters) {
		this.clusters = clusters;
	}

	/**
	 * The citizens whose username, e-mail address, first or last name contains the text.
	 */
	List<UserRepresentation> search(TenantDefinition tenant, String text, int max) {
		// Keycloak reads * as a wildcard and quotes as an exact search
		String cleaned = text.replaceAll("[*\"]", "").strip();
		if (cleaned.isEmpty()) {
			return List.of();
		}
		return keycloak(() -> {
			RealmResource realm = realm(tenant);
			List<UserRepresentation> citizens = new ArrayList<>();
			for (UserRepresentation user : realm.users().search("*" + cleaned + "*", 0, 5 * max, true)) {
				if (isCitizen(realm.users().get(user.getId()))) {
					citizens.add(user);
				}
				if (citizens.size() == max) {
					break;
				}
			}
			return citizens;
		});
	}

	/** The citizen, if the id is a citizen of the tenant's realm. */
	Optional<UserRepresentation> citizen(TenantDefinition tenant, String userId) {
		if (!KEYCLOAK_ID.matcher(userId).matches()) {
			return Optional.empty();
		}
		return keycloak(() -> {
			UserResource resource = realm(tenant).users().get(userId);
			try {
				UserRepresentation user = resource.toRepresentation();
				return isCitizen(resource) ? Optional.of(user) : Optional.empty();
			}
			catch (NotFoundException ex) {
				// another realm's id, or an account already erased
				return Optional.empty();
			}
		});
	}

	/** What Keycloak holds about the citizen, as the export shows it. */
	Map<String, Object> identity(TenantDefinition tenant, UserRepresentation user) {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("id", user.getId());
		identity.put("username", user.getUsername());
		identity.put("email", nullToEmpty(user.getEmail()));
		identity.put("emailVerified", Boolean.TRUE.equals(user.isEmailVerified()));
		identity.put("firstName", nullToEmpty(user.getFirstName()));
		identity.put("lastName", nullToEmpty(user.getLastName()));
		identity.put("enabled", Boolean.TRUE.equals(user.isEnabled()));
		identity.put("createdAt", (user.getCreatedTimestamp() != null)
				? Instant.ofEpochMilli(user.getCreatedTimestamp()).toString() : "");
		identity.put("attributes", (user.getAttributes() != null) ? user.getAttributes() : Map.of());
		identity.put("requiredActions", (user.getRequiredActions() != null) ? user.getRequiredActions() : List.of());
		// what credentials exist and since when; Keycloak never gives out their secrets
		identity.put("credentials",
				keycloak(() -> realm(tenant).users()
					.get(user.getId())
					.credentials()
					.stream()
					.map((credential) -> Map.of("type", credential.getType(), "createdAt",
							(credential.getCreatedDate() != null)
									? Instant.ofEpochMilli(credential.getCreatedDate()).toString() : ""))
					.toList()));
		return identity;
	}

	/** Deletes the account from the realm; an account already gone is fine. */
	void delete(TenantDefinition tenant, String userId) {
		keycloak(() -> {
			try (Response response = realm(tenant).users().delete(userId)) {
				if (response.getStatus() != 204 && response.getStatus() != 404) {
					throw new IllegalStateException(
							"Keycloak refused to delete account " + userId + ": HTTP " + response.getStatus());
				}
			}
			return null;
		});
	}

	/** The registration ids the account carries (its wizard drafts' ids). */
	static List<UUID> registrationIds(UserRepresentation user) {
		List<String> values = (user.getAttributes() != null)
				? user.getAttributes().getOrDefault(CitizenAccounts.REGISTRATION_ID, List.of()) : List.of();
		List<UUID> ids = new ArrayList<>();
		for (String value : values) {
			try {
				ids.add(UUID.fromString(value));
			}
			catch (IllegalArgumentException ex) {
				// not one of ours: no draft to find with it
			}
		}
		return ids;
	}

	private static boolean isCitizen(UserResource user) {
		Set<String> roles = user.roles()
			.realmLevel()
			.listEffective()
			.stream()
			.map(RoleRepresentation::getName)
			.collect(Collectors.toSet());
		// staff accounts carry the realm's default role too; they are not erased here
		return roles.contains(CITIZEN_ROLE) && !roles.contains(STAFF_ROLE);
	}

	private RealmResource realm(TenantDefinition tenant) {
		return this.clusters.forTenant(tenant).realm(tenant.realm());
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static <T> T keycloak(Callable<T> work) {
		try {
			return work.call();
		}
		catch (ProcessingException | ServerErrorException ex) {
			throw new IdentityUnavailableException("Keycloak unavailable: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
