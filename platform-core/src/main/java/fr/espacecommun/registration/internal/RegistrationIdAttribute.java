package fr.espacecommun.registration.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.tenant.TenantDefinition;
import org.keycloak.admin.client.resource.UserProfileResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * The user attribute holding the wizard's registration id, declared in each realm's user
 * profile: Keycloak 26 drops attributes its user profile does not declare. Visible and
 * editable by administrators only.
 */
public final class RegistrationIdAttribute {

	// cluster/realm pairs whose user profile already declares the registration id (a
	// realm moved to another cluster is another realm to declare it in)
	private final Set<String> declared = ConcurrentHashMap.newKeySet();

	/** Declares the attribute in the tenant's realm, once per cluster and realm. */
	public void declare(TenantDefinition tenant, UsersResource users) {
		String key = tenant.keycloak().cluster() + "/" + tenant.realm();
		if (this.declared.contains(key)) {
			return;
		}
		UserProfileResource profile = users.userProfile();
		UPConfig config = profile.getConfiguration();
		if (config.getAttribute(CitizenAccounts.REGISTRATION_ID) == null) {
			UPAttribute attribute = new UPAttribute(CitizenAccounts.REGISTRATION_ID,
					new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
			attribute.setDisplayName("Registration id");
			config.addOrReplaceAttribute(attribute);
			profile.update(config);
		}
		this.declared.add(key);
	}

}
