package fr.espacecommun.onboarding.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.PlatformTestApplication;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.identity.internal.IdentityConfiguration;
import fr.espacecommun.onboarding.LocalAccounts;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The five communes onboarded from the real {@code tenants/} folder at start-up, checked
 * in the real PostgreSQL and Keycloak they were onboarded into.
 */
@SpringBootTest(classes = OnboardingTests.OnboardingTestApplication.class)
class OnboardingTests {

	private static final List<String> TENANTS = List.of("fresnes", "velizy", "villennes", "ccve", "ccplm");

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private TenantOnboarding onboarding;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RealmProvisioner provisioner;

	@Test
	void startWhenFiveTenantFilesThenEachHasSchemaRealmAndServingRegistryRow() {
		assertThat(this.catalog.all()).extracting(TenantDefinition::id).containsExactlyInAnyOrderElementsOf(TENANTS);
		for (TenantDefinition tenant : this.catalog.all()) {
			List<String> tables = this.jdbc
				.sql("select table_name from information_schema.tables where table_schema = ?")
				.param("t_" + tenant.id())
				.query(String.class)
				.list();
			assertThat(tables).as("t_" + tenant.id()).contains("citizen_profile", "audit_entry");
			RealmRepresentation realm = realm(tenant).toRepresentation();
			assertThat(realm.getDisplayName()).isEqualTo(tenant.portalName());
			assertThat(realm.isBruteForceProtected()).isTrue();
			assertThat(this.registry.find(tenant.id()).orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
		}
		assertThat(this.clusters.forPlatform().realm("platform").roles().get("operator").toRepresentation().getName())
			.isEqualTo("operator");
	}

	@Test
	void realmWhenReadBackThenCarriesTheCommunesOwnPasswordRules() {
		// the rules printed on each commune's own form (shared seeds)
		assertThat(realmOf("fresnes").getPasswordPolicy())
			.isEqualTo("length(8) and lowerCase(1) and digits(1) and notUsername and notEmail and maxLength(128)");
		assertThat(realmOf("ccplm").getPasswordPolicy())
			.startsWith("length(8) and lowerCase(1) and upperCase(1)" + " and digits(1)");
		for (String id : TENANTS) {
			PasswordPolicy policy = this.catalog.byId(id).orElseThrow().passwordPolicy();
			assertThat(realmOf(id).getPasswordPolicy()).as(id).contains("length(" + policy.minLength() + ")");
		}
	}

	@Test
	void passwordWhenBreakingOneRuleOfTheTenantThenKeycloakRefusesItAndAcceptsTheCompliantOne() {
		for (String id : TENANTS) {
			TenantDefinition tenant = this.catalog.byId(id).orElseThrow();
			RealmResource realm = realm(tenant);
			UserResource user = testUser(realm, "policy-check-" + id + "@example.org");
			PasswordPolicy policy = tenant.passwordPolicy();
			for (Map.Entry<String, String> weak : weakPasswords(policy).entrySet()) {
				assertThatExceptionOfType(BadRequestException.class).as(id + ": " + weak.getKey())
					.isThrownBy(() -> user.resetPassword(password(weak.getValue())));
			}
			user.resetPassword(password(compliant(policy)));
		}
	}

	@Test
	void onboardWhenRunAgainThenNothingChanges() {
		for (TenantDefinition tenant : this.catalog.all()) {
			OnboardingResult again = this.onboarding.onboard(tenant);
			assertThat(again.realmChanges()).as(tenant.id()).isEmpty();
		}
	}

	@Test
	void onboardWhenNewTenantThenSchemaAndRealmInAboutASecond() {
		TenantDefinition fresnes = this.catalog.byId("fresnes").orElseThrow();
		TenantDefinition copy = new TenantDefinition("onboardcopy", fresnes.name(), fresnes.portalName(),
				List.of("onboardcopy.localhost"), fresnes.branding(), fresnes.contact(), fresnes.terms(),
				fresnes.passwordPolicy(), fresnes.usernameMode(), fresnes.steps(), fresnes.fields(),
				fresnes.accountTypes(), fresnes.consent(), fresnes.serviceKeys(), fresnes.captcha(),
				fresnes.activation(), fresnes.keycloak(), fresnes.source());
		OnboardingResult result = this.onboarding.onboard(copy);
		System.out.printf("Onboarding one new tenant: schema %d ms + realm %d ms = %d ms%n", result.schema().toMillis(),
				result.realm().toMillis(), result.total().toMillis());
		assertThat(realm(copy).toRepresentation().getDisplayName()).isEqualTo(fresnes.portalName());
		assertThat(this.registry.find("onboardcopy").orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
	}

	@Test
	void startUpWhenServedUnchangedThenRealmCheckedAfterTheStartAndARealmDeletedByHandComesBack() throws Exception {
		TenantDefinition served = copyOfFresnes("restartsame");
		this.onboarding.onboard(served);
		realm(served).remove();

		List<TenantDefinition> later = this.onboarding.startUp(List.of(served));

		assertThat(later).as("left for after the start").containsExactly(served);
		assertThat(realmExists(served)).as("no Keycloak work before the start").isFalse();
		assertThat(this.registry.find(served.id()).orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
		this.onboarding.checkRealms(later, Optional::of).get(2, TimeUnit.MINUTES);
		assertThat(realm(served).toRepresentation().getDisplayName()).as("the check repaired the realm")
			.isEqualTo(served.portalName());
		assertThat(this.registry.find(served.id()).orElseThrow().status()).isEqualTo(TenantStatus.SERVING);
	}

	@Test
	void startUpWhenFileChangedSinceLastServedThenOnboardedBeforeTheStart() {
		TenantDefinition changed = copyOfFresnes("restartchanged");
		this.onboarding.onboard(changed);
		realm(changed).remove();
		this.registry.upsert(TenantRegistration.of(changed, TenantStatus.SERVING, "hash-of-an-earlier-file"));

		List<TenantDefinition> later = this.onboarding.startUp(List.of(changed));

		assertThat(later).isEmpty();
		assertThat(realm(changed).toRepresentation().getDisplayName()).isEqualTo(changed.portalName());
	}

	private TenantDefinition copyOfFresnes(String id) {
		TenantDefinition fresnes = this.catalog.byId("fresnes").orElseThrow();
		return new TenantDefinition(id, fresnes.name(), fresnes.portalName(), List.of(id + ".localhost"),
				fresnes.branding(), fresnes.contact(), fresnes.terms(), fresnes.passwordPolicy(),
				fresnes.usernameMode(), fresnes.steps(), fresnes.fields(), fresnes.accountTypes(), fresnes.consent(),
				fresnes.serviceKeys(), fresnes.captcha(), fresnes.activation(), fresnes.keycloak(), fresnes.source());
	}

	private boolean realmExists(TenantDefinition tenant) {
		return this.clusters.forTenant(tenant)
			.realms()
			.findAll()
			.stream()
			.anyMatch((realm) -> realm.getRealm().equals(tenant.realm()));
	}

	@Test
	void localAccountsWhenCreatedThenOneTenantAdminPerCommuneAndOneOperator() {
		List<LocalAccounts.Account> accounts = new LocalAccounts(this.catalog, this.provisioner).create();
		assertThat(accounts).hasSize(TENANTS.size() + 1);
		for (LocalAccounts.Account account : accounts) {
			RealmResource realm = this.clusters.forTenant(this.catalog.byId("fresnes").orElseThrow())
				.realm(account.realm());
			List<UserRepresentation> found = realm.users().searchByUsername(account.username(), true);
			assertThat(found).as(account.realm() + "/" + account.username()).hasSize(1);
			String role = account.realm().equals("platform") ? "operator" : "tenant-admin";
			assertThat(realm.users().get(found.get(0).getId()).roles().realmLevel().listEffective())
				.extracting(RoleRepresentation::getName)
				.contains(role);
		}
		assertThat(accounts).filteredOn((account) -> account.realm().equals("ccve"))
			.extracting(LocalAccounts.Account::username)
			.containsExactly("admin@ccve.localhost");
	}

	/** One password per rule of the policy, each breaking that rule only. */
	static Map<String, String> weakPasswords(PasswordPolicy policy) {
		Map<String, String> weak = new java.util.LinkedHashMap<>();
		String ok = compliant(policy);
		weak.put("too short", ok.substring(0, policy.minLength() - 1));
		if (policy.minLowercase() > 0) {
			weak.put("no lowercase", ok.toUpperCase().replace('Z', 'Y'));
		}
		if (policy.minUppercase() > 0) {
			weak.put("no uppercase", ok.toLowerCase());
		}
		if (policy.minDigits() > 0) {
			weak.put("no digit", ok.replaceAll("[0-9]", "x"));
		}
		if (policy.minSpecialChars() > 0) {
			weak.put("no special character", ok.replaceAll("[^A-Za-z0-9]", "y"));
		}
		return weak;
	}

	/** The shortest password meeting every rule, padded with lowercase letters. */
	static String compliant(PasswordPolicy policy) {
		StringBuilder password = new StringBuilder();
		password.append("Q".repeat(policy.minUppercase()));
		password.append("7".repeat(policy.minDigits()));
		password.append("!".repeat(policy.minSpecialChars()));
		password.append("k".repeat(Math.max(policy.minLowercase(), 1)));
		while (password.length() < policy.minLength()) {
			password.append('m');
		}
		return password.toString();
	}

	private UserResource testUser(RealmResource realm, String username) {
		List<UserRepresentation> existing = realm.users().searchByUsername(username, true);
		if (!existing.isEmpty()) {
			return realm.users().get(existing.get(0).getId());
		}
		UserRepresentation user = new UserRepresentation();
		user.setUsername(username);
		user.setEmail(username);
		user.setFirstName("Camille");
		user.setLastName("Test");
		user.setEnabled(true);
		try (Response response = realm.users().create(user)) {
			assertThat(response.getStatus()).isEqualTo(201);
			String location = response.getLocation().getPath();
			return realm.users().get(location.substring(location.lastIndexOf('/') + 1));
		}
	}

	private static CredentialRepresentation password(String value) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setTemporary(false);
		credential.setValue(value);
		return credential;
	}

	private RealmRepresentation realmOf(String id) {
		return realm(this.catalog.byId(id).orElseThrow()).toRepresentation();
	}

	private RealmResource realm(TenantDefinition tenant) {
		return this.clusters.forTenant(tenant).realm(tenant.realm());
	}

	// the platform's auto-configuration package, so that every feature's repositories
	// and entities exist (the registry's, the audit log's…)
	@Configuration(proxyBeanMethods = false)
	@ComponentScan({ "fr.espacecommun.tenancy", "fr.espacecommun.onboarding" })
	@Import({ PlatformTestApplication.class, IdentityConfiguration.class })
	static class OnboardingTestApplication {

	}

}
