package fr.espacecommun.activation.internal;

import java.util.List;
import java.util.Objects;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenant.TenantDefinition;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Who a commune's staff are, for the mails sent to them: the enabled users of the
 * commune's realm that hold the realm role {@code tenant-admin} directly, with an e-mail
 * address. The tenant files name no staff address, so the realm is the only list.
 */
class StaffDirectory {

	/**
	 * The realm role of the commune's staff (SecurityConfiguration opens /admin to it).
	 */
	static final String STAFF_ROLE = "tenant-admin";

	// a commune has a handful of agents; a bound keeps a misconfigured realm from
	// mailing thousands
	private static final int MAX_RECIPIENTS = 200;

	private final KeycloakClusters clusters;

	StaffDirectory(KeycloakClusters clusters) {
		this.clusters = clusters;
	}

	/** The staff's e-mail addresses, lower case, each once. */
	List<String> emails(TenantDefinition tenant) {
		List<UserRepresentation> members = this.clusters.forTenant(tenant)
			.realm(tenant.realm())
			.roles()
			.get(STAFF_ROLE)
			.getUserMembers(true, 0, MAX_RECIPIENTS);
		return members.stream()
			.filter((user) -> Boolean.TRUE.equals(user.isEnabled()))
			.map(UserRepresentation::getEmail)
			.filter(Objects::nonNull)
			.filter((email) -> !email.isBlank())
			.map((email) -> email.strip().toLowerCase(java.util.Locale.ROOT))
			.distinct()
			.sorted()
			.toList();
	}

}
