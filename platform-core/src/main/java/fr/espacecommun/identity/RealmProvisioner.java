package fr.espacecommun.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import fr.espacecommun.identity.internal.RealmBlueprint;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.RoleResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates each commune's realm, and the operators' realm, or brings them back to what the
 * platform declares; safe to run again and again.
 */
public class RealmProvisioner {

	private static final Logger logger = LoggerFactory.getLogger(RealmProvisioner.class);

	private final KeycloakClusters clusters;

	private final KeycloakProperties properties;

	public RealmProvisioner(KeycloakClusters clusters, KeycloakProperties properties) {
		this.clusters = clusters;
		this.properties = properties;
	}

	/** Creates or updates the tenant's realm. */
	public ProvisioningResult provision(TenantDefinition tenant) {
		return provision(this.clusters.forTenant(tenant),
				RealmBlueprint.forTenant(tenant, this.properties.webClient()));
	}

	/** Creates or updates the operators' realm. */
	public ProvisioningResult provisionPlatformRealm() {
		return provision(this.clusters.forPlatform(),
				RealmBlueprint.forPlatform(this.properties.platform(), this.properties.webClient()));
	}

	/**
	 * The secret Keycloak generated for the web application's client in the tenant's
	 * realm.
	 */
	public String webClientSecret(TenantDefinition tenant) {
		return clientSecret(this.clusters.forTenant(tenant).realm(tenant.realm()));
	}

	/** The secret of the web application's client in the operators' realm. */
	public String platformWebClientSecret() {
		return clientSecret(this.clusters.forPlatform().realm(this.properties.platform().realm()));
	}

	/**
	 * Creates the user if no user has this username; gives the roles it lacks. An
	 * existing user's password is left alone.
	 * @return the Keycloak user id
	 */
	public String ensureUser(TenantDefinition tenant, String username, String email, String firstName, String lastName,
			String password, String... roles) {
		return ensureUser(this.clusters.forTenant(tenant).realm(tenant.realm()), username, email, firstName, lastName,
				password, roles);
	}

	/**
	 * {@link #ensureUser(TenantDefinition, String, String, String, String, String, String...)}
	 * for an operator.
	 */
	public String ensurePlatformUser(String username, String email, String firstName, String lastName, String password,
			String... roles) {
		return ensureUser(this.clusters.forPlatform().realm(this.properties.platform().realm()), username, email,
				firstName, lastName, password, roles);
	}

	private ProvisioningResult provision(Keycloak keycloak, RealmBlueprint blueprint) {
		long start = System.nanoTime();
		String name = blueprint.realmName();
		RealmResource realm = keycloak.realm(name);
		RealmRepresentation current = find(realm);
		List<String> changes = new ArrayList<>();
		boolean created = (current == null);
		if (created) {
			// one call creates the realm with its roles and client: ~10 times faster than
			// creating each part separately
			created = createRealm(keycloak, blueprint);
			current = realm.toRepresentation();
		}
		if (!created) {
			RealmRepresentation patch = blueprint.differences(current, changes);
			if (!changes.isEmpty()) {
				realm.update(patch);
			}
			ensureRoles(realm, blueprint, changes);
			ensureClient(realm, blueprint, changes);
		}
		ensureDefaultRole(realm, current, blueprint, created ? new ArrayList<>() : changes);
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		ProvisioningResult result = new ProvisioningResult(name, created, changes, duration);
		if (result.modified()) {
			logger.info("Realm {} {} in {} ms {}", name, created ? "created" : "updated", duration.toMillis(), changes);
		}
		return result;
	}

	// false when another instance of the platform created it meanwhile
	private static boolean createRealm(Keycloak keycloak, RealmBlueprint blueprint) {
		try {
			keycloak.realms().create(blueprint.newRealm());
			return true;
		}
		catch (ClientErrorException ex) {
			if (ex.getResponse().getStatus() == Response.Status.CONFLICT.getStatusCode()) {
				return false;
			}
			throw ex;
		}
	}

	private static @Nullable RealmRepresentation find(RealmResource realm) {
		try {
			return realm.toRepresentation();
		}
		catch (NotFoundException ex) {
			return null;
		}
	}

	private static void ensureRoles(RealmResource realm, RealmBlueprint blueprint, List<String> changes) {
		Set<String> existing = realm.roles()
			.list()
			.stream()
			.map(RoleRepresentation::getName)
			.collect(Collectors.toSet());
		for (String role : blueprint.roles()) {
			if (!existing.contains(role)) {
				RoleRepresentation representation = new RoleRepresentation();
				representation.setName(role);
				realm.roles().create(representation);
				changes.add("role " + role);
			}
		}
	}

	// new users get the default role through the realm's composite default role
	// (default-roles-<realm>), which the realm import creates on its own
	private static void ensureDefaultRole(RealmResource realm, RealmRepresentation current, RealmBlueprint blueprint,
			List<String> changes) {
		RoleResource defaultRole = realm.roles().get(current.getDefaultRole().getName());
		boolean present = defaultRole.getRealmRoleComposites()
			.stream()
			.anyMatch((role) -> role.getName().equals(blueprint.defaultRole()));
		if (!present) {
			defaultRole.addComposites(List.of(realm.roles().get(blueprint.defaultRole()).toRepresentation()));
			changes.add("default role " + blueprint.defaultRole());
		}
	}

	private static void ensureClient(RealmResource realm, RealmBlueprint blueprint, List<String> changes) {
		ClientRepresentation wanted = blueprint.webClient();
		List<ClientRepresentation> found = realm.clients().findByClientId(wanted.getClientId());
		if (found.isEmpty()) {
			realm.clients().create(wanted).close();
			changes.add("client " + wanted.getClientId());
			return;
		}
		ClientRepresentation current = found.get(0);
		if (blueprint.updateClient(current)) {
			realm.clients().get(current.getId()).update(current);
			changes.add("client " + wanted.getClientId());
		}
	}

	private String clientSecret(RealmResource realm) {
		String clientId = this.properties.webClient().clientId();
		List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
		if (found.isEmpty()) {
			throw new IllegalStateException("No client " + clientId + " in realm " + realm.toRepresentation().getRealm()
					+ ": provision the realm first");
		}
		ClientResource client = realm.clients().get(found.get(0).getId());
		String secret = client.getSecret().getValue();
		return (secret != null) ? secret : client.generateNewSecret().getValue();
	}

	private static String ensureUser(RealmResource realm, String username, String email, String firstName,
			String lastName, String password, String... roles) {
		List<UserRepresentation> found = realm.users().searchByUsername(username, true);
		String id;
		if (found.isEmpty()) {
			UserRepresentation user = new UserRepresentation();
			user.setUsername(username);
			user.setEmail(email);
			user.setEmailVerified(true);
			user.setFirstName(firstName);
			user.setLastName(lastName);
			user.setEnabled(true);
			CredentialRepresentation credential = new CredentialRepresentation();
			credential.setType(CredentialRepresentation.PASSWORD);
			credential.setValue(password);
			credential.setTemporary(false);
			user.setCredentials(List.of(credential));
			try (Response response = realm.users().create(user)) {
				id = (response.getStatus() == Response.Status.CONFLICT.getStatusCode())
						? realm.users().searchByUsername(username, true).get(0).getId()
						: CreatedResponseUtil.getCreatedId(response);
			}
		}
		else {
			id = found.get(0).getId();
		}
		UserResource user = realm.users().get(id);
		Set<String> held = user.roles()
			.realmLevel()
			.listAll()
			.stream()
			.map(RoleRepresentation::getName)
			.collect(Collectors.toSet());
		List<RoleRepresentation> missing = new ArrayList<>();
		for (String role : roles) {
			if (!held.contains(role)) {
				missing.add(realm.roles().get(role).toRepresentation());
			}
		}
		if (!missing.isEmpty()) {
			user.roles().realmLevel().add(missing);
		}
		return Objects.requireNonNull(id);
	}

}
