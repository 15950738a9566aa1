package fr.espacecommun.settings;

import java.util.List;
import java.util.Map;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.audit.internal.AuditEntry;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantOverlay;
import fr.espacecommun.testsupport.LiveServerTest;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a commune's staff publish is served at once by this instance (wizard and realm),
 * read by another instance from the database, audited, and never undone by the file.
 */
class TenantSettingsTests extends LiveServerTest {

	@Autowired
	private TenantSettings settings;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private TenantOverlay overlay;

	@Autowired
	private AuditLog audit;

	@Test
	void passwordPolicyWhenStaffRaisesMinimumThenRealmRefusesAShorterPasswordAtOnce() throws Exception {
		TenantDefinition commune = newCommuneLike("ccplm");
		String userId = this.provisioner.ensureUser(commune, "marie.curie", "marie.curie@example.org", "Marie", "Curie",
				"Radium-2026-ok", "citizen");
		PasswordPolicy before = commune.passwordPolicy();
		PasswordPolicy raised = new PasswordPolicy(16, Math.max(before.maxLength(), 64), 1, 1, 1, 1, true, true);

		TenantDefinition served = this.settings.publishPasswordPolicy(commune, raised, "agent-ccplm");

		assertThat(served.passwordPolicy()).isEqualTo(raised);
		assertThat(this.catalog.byId(commune.id()).orElseThrow().passwordPolicy()).isEqualTo(raised);
		var user = this.clusters.forTenant(commune).realm(commune.realm()).users().get(userId);
		assertThatThrownBy(() -> user.resetPassword(password("Radium-2026-ok")))
			.isInstanceOf(BadRequestException.class);
		user.resetPassword(password("Radium-2026-bien-long!"));

		AuditEntry entry = TenantContext.callAs(commune.id(), () -> this.audit.page(0, 5).getContent().get(0));
		assertThat(entry.getActor()).isEqualTo("agent-ccplm");
		assertThat(entry.getAction()).isEqualTo("password-policy.changed");
		assertThat(entry.getBefore()).contains("\"minLength\":" + before.minLength());
		assertThat(entry.getAfter()).contains("\"minLength\":16");
	}

	@Test
	void termsWhenPublishedThenServedWithNewHashAndAnotherInstanceReadsThemFromTheDatabase() throws Exception {
		TenantDefinition commune = newCommuneLike("fresnes");
		String declaredHash = commune.terms().sha256();

		TenantDefinition served = this.settings.publishTerms(commune, "2026-11-24",
				"# Conditions générales\n\nArticle 1 : nouvelle rédaction.\n", "agent-fresnes");

		assertThat(served.terms().version()).isEqualTo("2026-11-24");
		assertThat(served.terms().markdown()).contains("nouvelle rédaction");
		assertThat(served.terms().sha256()).hasSize(64).isNotEqualTo(declaredHash);
		assertThat(this.settings.history(commune.id(), SettingKind.TERMS)).singleElement()
			.satisfies((version) -> assertThat(TenantSettings.termsVersion(version)).isEqualTo("2026-11-24"));

		// a second platform instance: its own catalogue over the same files and database
		FileTenantCatalog other = new FileTenantCatalog(tenantsFolder());
		other.setOverlay(this.overlay);
		other.reload();
		assertThat(other.byId(commune.id()).orElseThrow().terms().sha256()).isEqualTo(served.terms().sha256());
		assertThat(other.declared(commune.id()).orElseThrow().terms().sha256()).isEqualTo(declaredHash);
	}

	@Test
	void fieldsWhenStaffMakesAnOptionalFieldRequiredThenServedAndAudited() throws Exception {
		TenantDefinition commune = newCommuneLike("villennes");
		String optional = commune.fields()
			.entrySet()
			.stream()
			.filter((field) -> field.getValue().requirement() == Requirement.OPTIONAL)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();

		TenantDefinition served = this.settings.publishFieldRequirements(commune,
				Map.of(optional, Requirement.REQUIRED), "agent-villennes");

		assertThat(served.fields().get(optional).requirement()).isEqualTo(Requirement.REQUIRED);
		assertThat(served.fields().get(optional).label()).isEqualTo(commune.fields().get(optional).label());
		List<AuditEntry> entries = TenantContext.callAs(commune.id(), () -> this.audit.page(0, 5).getContent());
		assertThat(entries).extracting(AuditEntry::getAction).contains("fields.changed");
	}

	private static CredentialRepresentation password(String value) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(value);
		credential.setTemporary(false);
		return credential;
	}

}
