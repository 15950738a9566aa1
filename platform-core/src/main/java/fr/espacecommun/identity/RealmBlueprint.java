package fr.espacecommun.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

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
final class RealmBlueprint {

	static final String CITIZEN = "citizen";

	static final String TENANT_ADMIN = "tenant-admin";

	static final String OPERATOR = "operator";

	static final String PKCE_METHOD = "pkce.code.challenge.method";

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

	/** Realm settings the platform owns; any other setting is left as Keycloak has it. */
	private static final List<Setting<?>> SETTINGS = List.of(
			new Setting<>("displayName", RealmRepresentation::getDisplayName, RealmRepresentation::setDisplayName),
			new Setting<>("displayNameHtml", RealmRepresentation::getDisplayNameHtml,
					RealmRepresentation::setDisplayNameHtml),
			new Setting<>("enabled", RealmRepresentation::isEnabled, RealmRepresentation::setEnabled),
			new Setting<>("loginTheme", RealmRepresentation::getLoginTheme, RealmRepresentation::setLoginTheme),
			new Setting<>("internationalizationEnabled", RealmRepresentation::isInternationalizationEnabled,
					RealmRepresentation::setInternationalizationEnabled),
			new Setting<>("supportedLocales", RealmRepresentation::getSupportedLocales,
					RealmRepresentation::setSupportedLocales),
			new Setting<>("defaultLocale", RealmRepresentation::getDefaultLocale,
					RealmRepresentation::setDefaultLocale),
			new Setting<>("registrationAllowed", RealmRepresentation::isRegistrationAllowed,
					RealmRepresentation::setRegistrationAllowed),
			new Setting<>("registrationEmailAsUsername", RealmRepresentation::isRegistrationEmailAsUsername,
					RealmRepresentation::setRegistrationEmailAsUsername),
			new Setting<>("editUsernameAllowed", RealmRepresentation::isEditUsernameAllowed,
					RealmRepresentation::setEditUsernameAllowed),
			new Setting<>("loginWithEmailAllowed", RealmRepresentation::isLoginWithEmailAllowed,
					RealmRepresentation::setLoginWithEmailAllowed),
			new Setting<>("duplicateEmailsAllowed", RealmRepresentation::isDuplicateEmailsAllowed,
					RealmRepresentation::setDuplicateEmailsAllowed),
			new Setting<>("passwordPolicy", RealmRepresentation::getPasswordPolicy,
					RealmRepresentation::setPasswordPolicy),
			new Setting<>("bruteForceProtected", RealmRepresentation::isBruteForceProtected,
					RealmRepresentation::setBruteForceProtected),
			new Setting<>("permanentLockout", RealmRepresentation::isPermanentLockout,
					RealmRepresentation::setPermanentLockout),
			new Setting<>("failureFactor", RealmRepresentation::getFailureFactor,
					RealmRepresentation::setFailureFactor),
			new Setting<>("waitIncrementSeconds", RealmRepresentation::getWaitIncrementSeconds,
					RealmRepresentation::setWaitIncrementSeconds),
			new Setting<>("maxFailureWaitSeconds", RealmRepresentation::getMaxFailureWaitSeconds,
					RealmRepresentation::setMaxFailureWaitSeconds),
			new Setting<>("maxDeltaTimeSeconds", RealmRepresentation::getMaxDeltaTimeSeconds,
					RealmRepresentation::setMaxDeltaTimeSeconds),
			new Setting<>("quickLoginCheckMilliSeconds", RealmRepresentation::getQuickLoginCheckMilliSeconds,
					RealmRepresentation::setQuickLoginCheckMilliSeconds),
			new Setting<>("minimumQuickLoginWaitSeconds", RealmRepresentation::getMinimumQuickLoginWaitSeconds,
					RealmRepresentation::setMinimumQuickLoginWaitSeconds));

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
	static RealmBlueprint forTenant(TenantDefinition tenant, KeycloakProperties.WebClient client) {
		boolean emailAsUsername = tenant.usernameMode() == TenantDefinition.UsernameMode.EMAIL;
		RealmRepresentation realm = realm(tenant.realm(), tenant.portalName(),
				displayNameHtml(tenant.portalName(), tenant.name()), KeycloakPasswordPolicy.of(tenant.passwordPolicy()),
				emailAsUsername);
		realm.setAttributes(
				Map.of(COMMUNE_ATTRIBUTE, tenant.name(), BRAND_COLOR_ATTRIBUTE, tenant.branding().primaryColor(),
						LOGO_ATTRIBUTE, BrandLogo.dataUri(tenant), LOGO_ALT_ATTRIBUTE, tenant.branding().logoAlt()));
		return new RealmBlueprint(realm, List.of(CITIZEN, TENANT_ADMIN), CITIZEN,
				webClient(client, tenant.hosts(), tenant.portalName()));
	}

	/** The operators' realm. */
	static RealmBlueprint forPlatform(KeycloakProperties.Platform platform, KeycloakProperties.WebClient client) {
		PasswordPolicy policy = new PasswordPolicy(12, 128, 1, 1, 1, 1, true, true);
		RealmRepresentation realm = realm(platform.realm(), platform.displayName(),
				displayNameHtml(platform.displayName(), ""), KeycloakPasswordPolicy.of(policy), false);
		return new RealmBlueprint(realm, List.of(OPERATOR), OPERATOR,
				webClient(client, platform.hosts(), platform.displayName()));
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
		// Keycloak
		// refuses even an administrator's rename without this
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

	private static ClientRepresentation webClient(KeycloakProperties.WebClient properties, List<String> hosts,
			String name) {
		Set<String> redirectUris = new LinkedHashSet<>();
		Set<String> webOrigins = new LinkedHashSet<>();
		for (String host : hosts) {
			redirectUris.add("https://" + host + "/*");
			webOrigins.add("https://" + host);
			if (isLocal(host)) {
				for (int port : properties.localPorts()) {
					redirectUris.add("http://" + host + ":" + port + "/*");
					webOrigins.add("http://" + host + ":" + port);
				}
			}
		}
		ClientRepresentation client = new ClientRepresentation();
		client.setClientId(properties.clientId());
		client.setName(name);
		client.setEnabled(true);
		client.setProtocol("openid-connect");
		client.setPublicClient(false);
		client.setClientAuthenticatorType("client-secret");
		client.setStandardFlowEnabled(true);
		client.setImplicitFlowEnabled(false);
		client.setDirectAccessGrantsEnabled(false);
		client.setServiceAccountsEnabled(false);
		client.setRedirectUris(new ArrayList<>(redirectUris));
		client.setWebOrigins(new ArrayList<>(webOrigins));
		client.setAttributes(Map.of(PKCE_METHOD, "S256", "post.logout.redirect.uris", String.join("##", redirectUris)));
		return client;
	}

	// RFC 6761: *.localhost always resolves to the loopback address
	private static boolean isLocal(String host) {
		return host.equals("localhost") || host.endsWith(".localhost");
	}

	String realmName() {
		return this.realm.getRealm();
	}

	/** The whole realm for {@code realms().create}, with its roles. */
	RealmRepresentation newRealm() {
		RealmRepresentation realm = copyOfSettings();
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
	RealmRepresentation differences(RealmRepresentation current, List<String> changes) {
		RealmRepresentation patch = new RealmRepresentation();
		for (Setting<?> setting : SETTINGS) {
			if (setting.copyIfDifferent(this.realm, current, patch)) {
				changes.add(setting.name());
			}
		}
		// only the attributes the platform owns are compared: Keycloak and people keep
		// others there too
		Map<String, String> held = (current.getAttributes() != null) ? current.getAttributes() : Map.of();
		Map<String, String> wanted = this.realm.getAttributes();
		List<String> differing = wanted.keySet()
			.stream()
			// Keycloak may keep an empty value as no value
			.filter((name) -> !Objects.equals(wanted.get(name), held.getOrDefault(name, "")))
			.sorted()
			.toList();
		if (!differing.isEmpty()) {
			// Keycloak replaces the whole map: the others are sent back as they are
			Map<String, String> merged = new java.util.HashMap<>(held);
			merged.putAll(wanted);
			patch.setAttributes(merged);
			changes.add("attributes " + differing);
		}
		return patch;
	}

	List<String> roles() {
		return this.roles;
	}

	String defaultRole() {
		return this.defaultRole;
	}

	ClientRepresentation webClient() {
		return this.webClient;
	}

	/**
	 * Whether the client's platform-owned settings differ; if so, copies them into it.
	 */
	boolean updateClient(ClientRepresentation current) {
		ClientRepresentation wanted = this.webClient;
		boolean same = Objects.equals(current.getName(), wanted.getName())
				&& Objects.equals(current.isEnabled(), wanted.isEnabled())
				&& Objects.equals(current.isPublicClient(), wanted.isPublicClient())
				&& Objects.equals(current.getClientAuthenticatorType(), wanted.getClientAuthenticatorType())
				&& Objects.equals(current.isStandardFlowEnabled(), wanted.isStandardFlowEnabled())
				&& Objects.equals(current.isImplicitFlowEnabled(), wanted.isImplicitFlowEnabled())
				&& Objects.equals(current.isDirectAccessGrantsEnabled(), wanted.isDirectAccessGrantsEnabled())
				&& Objects.equals(current.isServiceAccountsEnabled(), wanted.isServiceAccountsEnabled())
				&& asSet(current.getRedirectUris()).equals(asSet(wanted.getRedirectUris()))
				&& asSet(current.getWebOrigins()).equals(asSet(wanted.getWebOrigins()))
				&& wanted.getAttributes()
					.entrySet()
					.stream()
					.allMatch((entry) -> current.getAttributes() != null
							&& Objects.equals(current.getAttributes().get(entry.getKey()), entry.getValue()));
		if (same) {
			return false;
		}
		current.setName(wanted.getName());
		current.setEnabled(wanted.isEnabled());
		current.setPublicClient(wanted.isPublicClient());
		current.setClientAuthenticatorType(wanted.getClientAuthenticatorType());
		current.setStandardFlowEnabled(wanted.isStandardFlowEnabled());
		current.setImplicitFlowEnabled(wanted.isImplicitFlowEnabled());
		current.setDirectAccessGrantsEnabled(wanted.isDirectAccessGrantsEnabled());
		current.setServiceAccountsEnabled(wanted.isServiceAccountsEnabled());
		current.setRedirectUris(wanted.getRedirectUris());
		current.setWebOrigins(wanted.getWebOrigins());
		Map<String, String> attributes = new java.util.HashMap<>(
				(current.getAttributes() != null) ? current.getAttributes() : Map.of());
		attributes.putAll(wanted.getAttributes());
		current.setAttributes(attributes);
		return true;
	}

	private RealmRepresentation copyOfSettings() {
		RealmRepresentation copy = new RealmRepresentation();
		for (Setting<?> setting : SETTINGS) {
			setting.copy(this.realm, copy);
		}
		copy.setAttributes(Map.copyOf(this.realm.getAttributes()));
		return copy;
	}

	private static RoleRepresentation role(String name) {
		RoleRepresentation role = new RoleRepresentation();
		role.setName(name);
		return role;
	}

	private static Set<String> asSet(List<String> values) {
		return (values != null) ? Set.copyOf(values) : Set.of();
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** One realm setting the platform owns. */
	private record Setting<T>(String name, Function<RealmRepresentation, T> getter,
			BiConsumer<RealmRepresentation, T> setter) {

		void copy(RealmRepresentation from, RealmRepresentation to) {
			this.setter.accept(to, this.getter.apply(from));
		}

		boolean copyIfDifferent(RealmRepresentation wanted, RealmRepresentation current, RealmRepresentation patch) {
			T value = this.getter.apply(wanted);
			if (Objects.equals(value, this.getter.apply(current))) {
				return false;
			}
			this.setter.accept(patch, value);
			return true;
		}

	}

}
