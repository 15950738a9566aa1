package fr.espacecommun.testsupport;

import java.util.List;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenant.TenantDefinition;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a commune's realm as a person checking an account would. */
public final class RealmUsers {

	private final KeycloakClusters clusters;

	public RealmUsers(KeycloakClusters clusters) {
		this.clusters = clusters;
	}

	/** The tenant's realm. */
	public RealmResource realm(TenantDefinition tenant) {
		return this.clusters.forTenant(tenant).realm(tenant.realm());
	}

	/** The one user with exactly this username (fails the test otherwise). */
	public UserRepresentation user(TenantDefinition tenant, String username) {
		List<UserRepresentation> found = realm(tenant).users().searchByUsername(username, true);
		assertThat(found).as(username).hasSize(1);
		return realm(tenant).users().get(found.get(0).getId()).toRepresentation();
	}

	/** The user's effective realm roles. */
	public List<String> realmRoles(TenantDefinition tenant, UserRepresentation user) {
		return realm(tenant).users()
			.get(user.getId())
			.roles()
			.realmLevel()
			.listEffective()
			.stream()
			.map(RoleRepresentation::getName)
			.toList();
	}

}
