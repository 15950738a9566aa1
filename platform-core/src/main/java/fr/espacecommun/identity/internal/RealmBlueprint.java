package fr.espacecommun.identity.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.LoginThrottling;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;

/**
 * The realm the platform wants for a tenant, as Keycloak representations, and the
 * comparison of that wish with what Keycloak holds.
 */
public final class RealmBlueprint {

	static final String CITIZEN = "citizen";

	static final String TENANT_ADMIN = "tenant-admin";

	static final String OPERATOR = "operator";

	/**
	 * The platform's login theme (Keycloak's keycloak.v2 pages with the commune's colour,
	 * logo and names), shipped in {@code keycloak/themes/espace-commun}.
	 */
	static final String LOGIN_THEME = "espace-commun";

	/** Realm attributes the login theme reads: the commune's name. */
	static final String COMMUNE_ATTRIBUTE = "espace.commune";

	/** The commune's colour, {@code #rrggbb}. */
	static final String BRAND_COLOR_ATTRIBUTE = "espace.brandColor";

	/** The commune's logo, as a {@code data:} URI (empty when the file is unreadable). */
	static final String LOGO_ATTRIBUTE = "espace.logo";

	/** The logo's text alternative. */
	static final String LOGO_ALT_ATTRIBUTE = "espace.logoAlt";

	private final RealmRepresentation realm;

	private final List<String> roles;

	private final String defaultRole;

	private final ClientRepresentation webClient;

	private RealmBlueprint(RealmRepresentation realm, List<String> roles, String defaultRole,
			ClientRepresentation webClient) {
		this.realm = realm;
		this.roles = List.copyOf(roles);
		this.defaultRole = defaultRole;
		this.webClient = webClient;
	}

	/** A commune's realm: citizens sign in, the commune's staff administer. */
	public static RealmBlueprint forTenant(TenantDefinition tenant, KeycloakProperties.WebClient client) {
		boolean emailAsUsername = tenant.usernameMode() == TenantDefinition.UsernameMode.EMAIL;
		RealmRepresentation realm = realm(tenant.realm(), tenant.portalName(),
				displayNameHtml(tenant.portalName(), tenant.name()), KeycloakPasswordPolicy.of(tenant.passwordPolicy()),
				emailAsUsername);
		realm.setAttributes(
				Map.of(COMMUNE_ATTRIBUTE, tenant.name(), BRAND_COLOR_ATTRIBUTE, tenant.branding().primaryColor(),
						LOGO_ATTRIBUTE, BrandLogo.dataUri(tenant), LOGO_ALT_ATTRIBUTE, tenant.branding().logoAlt()));
		return new RealmBlueprint(realm, List.of(CITIZEN, TENANT_ADMIN), CITIZEN,
				WebClientBlueprint.of(client, tenant.hosts(), tenant.portalName()));
	}

	/** The operators' realm. */
	public static RealmBlueprint forPlatform(KeycloakProperties.Platform platform,
			KeycloakProperties.WebClient client) {
		PasswordPolicy policy = new PasswordPolicy(12, 128, 1, 1, 1, 1, true, true);
		RealmRepresentation realm = realm(platform.realm(), platform.displayName(),
				displayNameHtml(platform.displayName(), ""), KeycloakPasswordPolicy.of(policy), false);
		return new RealmBlueprint(realm, List.of(OPERATOR), OPERATOR,
				WebClientBlueprint.of(client, platform.hosts(), platform.displayName()));
	}

	private static RealmRepresentation realm(String name, String displayName, String displayNameHtml,
			String passwordPolicy, boolean emailAsUsername) {
		RealmRepresentation realm = new RealmRepresentation();
		realm.setRealm(name);
		realm.setDisplayName(displayName);
		realm.setDisplayNameHtml(displayNameHtml);
		realm.setEnabled(true);
		realm.setLoginTheme(LOGIN_THEME);
		realm.setAttributes(Map.of());
		realm.setInternationalizationEnabled(true);
		realm.setSupportedLocales(new LinkedHashSet<>(List.of("fr")));
		realm.setDefaultLocale("fr");
		// citizens register through the platform's wizard, never on Keycloak's page
		realm.setRegistrationAllowed(false);
		realm.setRegistrationEmailAsUsername(emailAsUsername);
		realm.setLoginWithEmailAllowed(emailAsUsername);
		// pre-provisioned accounts get the username the citizen chooses (Vélizy);
		// Keycloak refuses even an administrator's rename without this
		realm.setEditUsernameAllowed(!emailAsUsername);
		realm.setDuplicateEmailsAllowed(false);
		realm.setPasswordPolicy(passwordPolicy);
		// temporary lockout (see LoginThrottling.REALMS): what lets the password policy
		// aim at the CNIL's 50 bits rather than 80
		LoginThrottling throttling = LoginThrottling.REALMS;
		realm.setBruteForceProtected(true);
		realm.setPermanentLockout(false);
		realm.setFailureFactor(throttling.failures());
		realm.setWaitIncrementSeconds(throttling.waitIncrementSeconds());
		realm.setMaxFailureWaitSeconds(throttling.maxWaitSeconds());
		realm.setMaxDeltaTimeSeconds(throttling.resetSeconds());
		realm.setQuickLoginCheckMilliSeconds(1000L);
		realm.setMinimumQuickLoginWaitSeconds(60);
		return realm;
	}

	private static String displayNameHtml(String portalName, String communeName) {
		String html = "<span class=\"ec-portal\">" + escape(portalName) + "</span>";
		return communeName.isBlank() ? html : html + " <span class=\"ec-commune\">" + escape(communeName) + "</span>";
	}

	public String realmName() {
		return this.realm.getRealm();
	}

	/** The whole realm for {@code realms().create}, with its roles. */
	public RealmRepresentation newRealm() {
		RealmRepresentation realm = RealmSettings.copyOf(this.realm);
		realm.setRealm(realmName());
		RolesRepresentation roles = new RolesRepresentation();
		roles.setRealm(this.roles.stream().map(RealmBlueprint::role).toList());
		realm.setRoles(roles);
		realm.setClients(List.of(this.webClient));
		return realm;
	}

	/**
	 * The settings of {@code current} that differ from the blueprint, as a partial
	 * representation for {@code realm.update}; their names go into {@code changes}.
	 */
	public RealmRepresentation differences(RealmRepresentation current, List<String> changes) {
		return RealmSettings.differences(this.realm, current, changes);
	}

	public List<String> roles() {
		return this.roles;
	}

	public String defaultRole() {
		return this.defaultRole;
	}

	public ClientRepresentation webClient() {
		return this.webClient;
	}

	/**
	 * Whether the client's platform-owned settings differ; if so, copies them into it.
	 */
	public boolean updateClient(ClientRepresentation current) {
		return WebClientBlueprint.update(this.webClient, current);
	}

	private static RoleRepresentation role(String name) {
		RoleRepresentation role = new RoleRepresentation();
		role.setName(name);
		return role;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
