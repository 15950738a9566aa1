package fr.espacecommun.identity;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.espacecommun.runtime.internal.EmbeddedKeycloak;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Provisioning against a real Keycloak. */
class RealmProvisionerTests {

	private static EmbeddedKeycloak server;

	private static KeycloakClusters clusters;

	private static RealmProvisioner provisioner;

	private static Keycloak admin;

	@BeforeAll
	static void startKeycloak() {
		server = EmbeddedKeycloak.shared();
		KeycloakProperties properties = KeycloakTestSupport.properties(server);
		clusters = new KeycloakClusters(properties);
		provisioner = new RealmProvisioner(clusters, properties);
		admin = clusters.forCluster("default");
	}

	@AfterAll
	static void closeClients() {
		clusters.close();
	}

	@Test
	void provisionWhenNewTenantThenRealmHasEverything() {
		TenantDefinition tenant = TestTenants.villennes();

		ProvisioningResult result = provisioner.provision(tenant);

		System.out.printf("Provisioning of realm %s took %d ms%n", tenant.realm(), result.duration().toMillis());
		assertThat(result.created()).isTrue();
		RealmResource realm = admin.realm(tenant.realm());
		RealmRepresentation representation = realm.toRepresentation();
		assertThat(representation.getDisplayName()).isEqualTo("Espace Famille & Citoyen");
		assertThat(representation.getDisplayNameHtml()).contains("Espace Famille &amp; Citoyen")
			.contains("Ville de Villennes-sur-Seine");
		assertThat(representation.isEnabled()).isTrue();
		assertThat(representation.isInternationalizationEnabled()).isTrue();
		assertThat(representation.getDefaultLocale()).isEqualTo("fr");
		assertThat(representation.isRegistrationAllowed()).isFalse();
		assertThat(representation.isLoginWithEmailAllowed()).isTrue();
		assertThat(representation.isRegistrationEmailAsUsername()).isTrue();
		assertThat(representation.getPasswordPolicy()).isEqualTo("length(12) and lowerCase(1) and upperCase(1)"
				+ " and digits(1) and specialChars(1) and notUsername and notEmail and maxLength(64)");
		assertThat(representation.isBruteForceProtected()).isTrue();
		assertThat(representation.getFailureFactor()).isEqualTo(5);
		assertThat(representation.isPermanentLockout()).isFalse();
		assertThat(realmRoles(realm)).contains("citizen", "tenant-admin");
		assertThat(realm.roles().get(representation.getDefaultRole().getName()).getRealmRoleComposites())
			.extracting(RoleRepresentation::getName)
			.contains("citizen")
			.doesNotContain("tenant-admin");
		ClientRepresentation client = webClient(realm);
		assertThat(client.isPublicClient()).isFalse();
		assertThat(client.isStandardFlowEnabled()).isTrue();
		assertThat(client.isImplicitFlowEnabled()).isFalse();
		assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
		assertThat(client.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
		assertThat(client.getRedirectUris()).containsExactlyInAnyOrder("https://" + tenant.id() + ".localhost/*",
				"http://" + tenant.id() + ".localhost:8080/*", "https://" + tenant.id() + ".espace-commun.fr/*");
		assertThat(client.getWebOrigins()).contains("https://" + tenant.id() + ".espace-commun.fr");
		assertThat(provisioner.webClientSecret(tenant)).hasSizeGreaterThanOrEqualTo(32);
	}

	@Test
	void provisionWhenRunTwiceThenSameState() {
		TenantDefinition tenant = TestTenants.villennes();
		provisioner.provision(tenant);
		RealmResource realm = admin.realm(tenant.realm());
		RealmRepresentation before = realm.toRepresentation();
		List<String> rolesBefore = realmRoles(realm);
		int clientsBefore = realm.clients().findAll().size();
		String secretBefore = provisioner.webClientSecret(tenant);

		ProvisioningResult second = provisioner.provision(tenant);

		System.out.printf("Provisioning of an unchanged realm took %d ms%n", second.duration().toMillis());
		assertThat(second.created()).isFalse();
		assertThat(second.changes()).isEmpty();
		assertThat(second.modified()).isFalse();
		RealmRepresentation after = realm.toRepresentation();
		assertThat(after).usingRecursiveComparison()
			.comparingOnlyFields("displayName", "displayNameHtml", "enabled", "passwordPolicy", "bruteForceProtected",
					"failureFactor", "supportedLocales", "defaultLocale", "loginWithEmailAllowed",
					"registrationAllowed", "defaultRole")
			.isEqualTo(before);
		assertThat(realmRoles(realm)).containsExactlyInAnyOrderElementsOf(rolesBefore);
		assertThat(realm.clients().findAll()).hasSize(clientsBefore);
		assertThat(provisioner.webClientSecret(tenant)).isEqualTo(secretBefore);
	}

	@Test
	void provisionWhenPasswordPolicyChangedThenRealmUpdated() {
		TenantDefinition tenant = TestTenants.villennes();
		provisioner.provision(tenant);
		TenantDefinition stricter = TestTenants.withPolicy(tenant, new PasswordPolicy(14, 0, 0, 0, 2, 0, true, false));

		ProvisioningResult result = provisioner.provision(stricter);

		assertThat(result.created()).isFalse();
		assertThat(result.changes()).containsExactly("passwordPolicy");
		assertThat(admin.realm(tenant.realm()).toRepresentation().getPasswordPolicy())
			.isEqualTo("length(14) and digits(2) and notUsername");
	}

	@Test
	void provisionWhenSomeoneChangedTheClientOrDeletedARoleThenRestored() {
		TenantDefinition tenant = TestTenants.villennes();
		provisioner.provision(tenant);
		RealmResource realm = admin.realm(tenant.realm());
		ClientRepresentation client = webClient(realm);
		client.setRedirectUris(List.of("https://evil.example/*"));
		realm.clients().get(client.getId()).update(client);
		realm.roles().deleteRole("tenant-admin");

		ProvisioningResult result = provisioner.provision(tenant);

		assertThat(result.changes()).containsExactlyInAnyOrder("role tenant-admin", "client espace-commun-web");
		assertThat(webClient(realm).getRedirectUris()).doesNotContain("https://evil.example/*")
			.contains("https://" + tenant.id() + ".espace-commun.fr/*");
		assertThat(realmRoles(realm)).contains("tenant-admin");
	}

	@Test
	void provisionWhenCommuneHasALogoThenRealmUsesTheLoginThemeWithNameColourAndLogo(@TempDir Path folder)
			throws Exception {
		String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>";
		Files.writeString(folder.resolve("logo.svg"), svg);
		TenantDefinition tenant = TestTenants.villennesIn(folder);

		provisioner.provision(tenant);

		RealmRepresentation realm = admin.realm(tenant.realm()).toRepresentation();
		assertThat(realm.getLoginTheme()).isEqualTo("espace-commun");
		assertThat(realm.getAttributes()).containsEntry("espace.commune", "Ville de Villennes-sur-Seine")
			.containsEntry("espace.brandColor", "#1d4e89")
			.containsEntry("espace.logoAlt", "Logo")
			.containsEntry("espace.logo", "data:image/svg+xml;base64,"
					+ Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void provisionWhenSomeoneChangedTheThemeOrTheColourThenRestoredAndTheirOtherAttributesKept() {
		TenantDefinition tenant = TestTenants.villennes();
		provisioner.provision(tenant);
		RealmResource realm = admin.realm(tenant.realm());
		RealmRepresentation changed = new RealmRepresentation();
		changed.setLoginTheme("keycloak");
		Map<String, String> attributes = new HashMap<>(realm.toRepresentation().getAttributes());
		attributes.put("espace.brandColor", "#000000");
		attributes.put("commune.insee", "78672");
		changed.setAttributes(attributes);
		realm.update(changed);

		ProvisioningResult result = provisioner.provision(tenant);

		assertThat(result.changes()).containsExactlyInAnyOrder("loginTheme", "attributes [espace.brandColor]");
		RealmRepresentation restored = realm.toRepresentation();
		assertThat(restored.getLoginTheme()).isEqualTo("espace-commun");
		assertThat(restored.getAttributes()).containsEntry("espace.brandColor", "#1d4e89")
			.containsEntry("espace.logo", "")
			.containsEntry("commune.insee", "78672");
		assertThat(provisioner.provision(tenant).changes()).isEmpty();
	}

	@Test
	void resetPasswordWhenTooWeakThenKeycloakRefusesAndWhenCompliantThenAccepts() {
		TenantDefinition tenant = TestTenants.villennes();
		provisioner.provision(tenant);
		String email = "claire.martin@example.fr";
		String id = provisioner.ensureUser(tenant, email, email, "Claire", "Martin", "Villennes-2024!ok");
		RealmResource realm = admin.realm(tenant.realm());

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> realm.users().get(id).resetPassword(password("aB1!")))
			.satisfies((ex) -> assertThat(ex.getResponse().readEntity(String.class))
				.contains("invalidPasswordMinLengthMessage"));
		realm.users().get(id).resetPassword(password("Seine-et-Oise-78!"));
	}

	@Test
	void passwordGrantWhenUserAndClientProvisionedThenTokenWithCitizenRole() throws Exception {
		TenantDefinition tenant = TestTenants.villennes();
		provisioner.provision(tenant);
		String email = "paul.durand@example.fr";
		long start = System.nanoTime();
		provisioner.ensureUser(tenant, email, email, "Paul", "Durand", "Villennes-2024!ok");
		System.out.printf("User creation with password took %d ms%n",
				Duration.ofNanos(System.nanoTime() - start).toMillis());
		// the web client keeps the resource-owner password grant off; open it for the
		// test
		RealmResource realm = admin.realm(tenant.realm());
		ClientRepresentation client = webClient(realm);
		client.setDirectAccessGrantsEnabled(true);
		realm.clients().get(client.getId()).update(client);

		start = System.nanoTime();
		HttpResponse<String> response = KeycloakTestSupport.passwordGrant(server.url(), tenant.realm(),
				"espace-commun-web", provisioner.webClientSecret(tenant), email, "Villennes-2024!ok");
		System.out.printf("Password grant took %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode token = new ObjectMapper().readTree(response.body());
		JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder()
			.decode(token.get("access_token").asText().split("\\.")[1].getBytes(StandardCharsets.US_ASCII)));
		assertThat(claims.get("iss").asText()).isEqualTo(server.url() + "/realms/" + tenant.realm());
		assertThat(claims.at("/realm_access/roles").toString()).contains("\"citizen\"");
		assertThat(claims.get("email").asText()).isEqualTo(email);
		// provisioning closes the password grant again
		assertThat(provisioner.provision(tenant).changes()).containsExactly("client espace-commun-web");
		assertThat(webClient(realm).isDirectAccessGrantsEnabled()).isFalse();
	}

	@Test
	void ensureUserWhenRunTwiceThenOneUserWithRoles() {
		TenantDefinition tenant = TestTenants.villennes();
		provisioner.provision(tenant);
		String email = "agent@villennes.fr";

		String first = provisioner.ensureUser(tenant, email, email, "Agnès", "Agent", "Mairie-Villennes-1!",
				"tenant-admin");
		String second = provisioner.ensureUser(tenant, email, email, "Agnès", "Agent", "Mairie-Villennes-1!",
				"tenant-admin");

		assertThat(second).isEqualTo(first);
		RealmResource realm = admin.realm(tenant.realm());
		assertThat(realm.users().searchByEmail(email, true)).hasSize(1);
		assertThat(realm.users().get(first).roles().realmLevel().listEffective())
			.extracting(RoleRepresentation::getName)
			.contains("tenant-admin", "citizen");
	}

	@Test
	void provisionPlatformRealmWhenRunThenOperatorRoleAndClient() {
		ProvisioningResult first = provisioner.provisionPlatformRealm();
		ProvisioningResult again = provisioner.provisionPlatformRealm();

		assertThat(first.realm()).isEqualTo("platform");
		assertThat(again.modified()).isFalse();
		RealmResource realm = admin.realm("platform");
		assertThat(realmRoles(realm)).contains("operator").doesNotContain("citizen");
		assertThat(webClient(realm).getRedirectUris()).contains("http://localhost:8080/*", "https://localhost/*");
		String id = provisioner.ensurePlatformUser("operateur", "ops@espace-commun.fr", "Olivia", "Operatrice",
				"Exploitation-2024!", "operator");
		assertThat(realm.users().get(id).roles().realmLevel().listAll()).extracting(RoleRepresentation::getName)
			.contains("operator");
		assertThat(provisioner.platformWebClientSecret()).isNotBlank();
	}

	@Test
	void forTenantWhenUnknownClusterThenClearError() {
		TenantDefinition tenant = TestTenants.villennes();
		TenantDefinition elsewhere = new TenantDefinition(tenant.id(), tenant.name(), tenant.portalName(),
				tenant.hosts(), tenant.branding(), tenant.contact(), tenant.terms(), tenant.passwordPolicy(),
				tenant.usernameMode(), tenant.steps(), tenant.fields(), tenant.accountTypes(), null,
				tenant.serviceKeys(), null, tenant.activation(), new TenantDefinition.KeycloakPlacement("nord"),
				tenant.source());

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> clusters.forTenant(elsewhere))
			.withMessageContaining(tenant.id())
			.withMessageContaining("'nord'")
			.withMessageContaining("espace.keycloak.clusters.nord")
			.withMessageContaining("[default]");
	}

	private static List<String> realmRoles(RealmResource realm) {
		return realm.roles().list().stream().map(RoleRepresentation::getName).toList();
	}

	private static ClientRepresentation webClient(RealmResource realm) {
		return realm.clients().findByClientId("espace-commun-web").get(0);
	}

	private static CredentialRepresentation password(String value) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(value);
		credential.setTemporary(false);
		return credential;
	}

}
