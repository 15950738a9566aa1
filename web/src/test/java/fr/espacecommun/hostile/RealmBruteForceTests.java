package fr.espacecommun.hostile;

import java.net.http.HttpResponse;
import java.util.UUID;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.LoginThrottling;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.DirectGrant;
import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.RealmRepresentation;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's brute-force protection, as each commune's realm has it, and as the real
 * Keycloak applies it: after the failures allowed, even the right password is refused for
 * a while.
 */
class RealmBruteForceTests extends LiveServerTest {

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private KeycloakProperties keycloak;

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "velizy", "villennes", "ccve", "ccplm" })
	void realmWhenCommuneServedThenBruteForceProtectedWithTemporaryLockout(String tenantId) {
		TenantDefinition tenant = tenant(tenantId);
		RealmRepresentation realm = this.clusters.forTenant(tenant).realm(tenant.realm()).toRepresentation();

		assertThat(realm.isBruteForceProtected()).isTrue();
		assertThat(realm.isPermanentLockout()).isFalse();
		assertThat(realm.getFailureFactor()).isEqualTo(LoginThrottling.REALMS.failures());
		assertThat(realm.getMaxFailureWaitSeconds()).isEqualTo(LoginThrottling.REALMS.maxWaitSeconds());
	}

	@Test
	void signInWhenFiveWrongPasswordsThenEvenTheRightOneIsRefusedForAWhile() throws Exception {
		TenantDefinition ccve = tenant("ccve");
		String username = "force-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.provisioner.ensureUser(ccve, username, username, "Camille", "Martin", STAFF_PASSWORD, "citizen");
		DirectGrant grant = new DirectGrant(this.clusters, this.keycloak);
		assertThat(grant.passwordGrant(ccve, username, STAFF_PASSWORD).statusCode()).isEqualTo(200);

		for (int i = 0; i < LoginThrottling.REALMS.failures(); i++) {
			HttpResponse<String> wrong = grant.passwordGrant(ccve, username, "mauvais-" + i);
			assertThat(wrong.statusCode()).isIn(400, 401);
			assertThat(wrong.body()).contains("invalid_grant");
		}
		HttpResponse<String> locked = grant.passwordGrant(ccve, username, STAFF_PASSWORD);

		assertThat(locked.statusCode()).as(locked.body()).isIn(400, 401);
		assertThat(locked.body()).contains("invalid_grant");
	}

}
