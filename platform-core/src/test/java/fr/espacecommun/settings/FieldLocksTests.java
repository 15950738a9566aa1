package fr.espacecommun.settings;

import java.nio.file.Path;

import fr.espacecommun.settings.FieldLocks.Lock;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which fields of the real communes' wizards their staff may change. */
class FieldLocksTests {

	private static FileTenantCatalog catalog;

	@BeforeAll
	static void readTheTenantFiles() {
		catalog = new FileTenantCatalog(Path.of(System.getProperty("espace.tenants.dir", "../tenants")));
		catalog.reload();
	}

	@Test
	void lockOfWhenFieldKeycloakHoldsThenLocked() {
		TenantDefinition ccplm = tenant("ccplm");

		assertThat(FieldLocks.lockOf(ccplm, "email")).contains(Lock.KEYCLOAK);
		assertThat(FieldLocks.lockOf(ccplm, "username")).contains(Lock.KEYCLOAK);
		assertThat(FieldLocks.lockOf(ccplm, "lastName")).contains(Lock.KEYCLOAK);
		assertThat(FieldLocks.lockOf(ccplm, "firstNames")).contains(Lock.KEYCLOAK);
	}

	@Test
	void lockOfWhenOptionalProfileFieldThenFree() {
		TenantDefinition ccplm = tenant("ccplm");

		assertThat(FieldLocks.lockOf(ccplm, "birthDate")).isEmpty();
		assertThat(FieldLocks.lockOf(ccplm, "civility")).isEmpty();
		assertThat(FieldLocks.lockOf(ccplm, "fax")).isEmpty();
	}

	@Test
	void lockOfWhenCcveSignsInWithTheEmailThenUsernameAndOrganisationFieldsLocked() {
		TenantDefinition ccve = tenant("ccve");

		assertThat(FieldLocks.lockOf(ccve, "username")).contains(Lock.USERNAME_IS_EMAIL);
		assertThat(FieldLocks.lockOf(ccve, "siret")).contains(Lock.ACCOUNT_TYPE);
		assertThat(FieldLocks.lockOf(ccve, "photo")).contains(Lock.PHOTO);
	}

	@Test
	void lockOfWhenStepNotInTheWizardThenLocked() {
		// Vélizy's wizard only personalises imported accounts: no identity step
		assertThat(FieldLocks.lockOf(tenant("velizy"), "birthDate")).contains(Lock.STEP_MISSING);
		assertThat(FieldLocks.lockOf(tenant("velizy"), "nickname")).contains(Lock.UNKNOWN);
	}

	private static TenantDefinition tenant(String id) {
		return catalog.byId(id).orElseThrow();
	}

}
