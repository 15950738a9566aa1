package fr.espacecommun.onboarding.internal;

import java.nio.file.Path;
import java.util.List;

import fr.espacecommun.onboarding.OnboardingPlan;
import fr.espacecommun.onboarding.OnboardingPlan.Step;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Contact;
import fr.espacecommun.tenant.TenantDefinition.KeycloakPlacement;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan shown to operators says what applying a file creates or changes, derived from
 * the definitions before and after and from what exists (pure logic, on Fresnes' real
 * file).
 */
class OnboardingPlannerTests {

	private static final TenantDefinition FRESNES = fresnes();

	@Test
	void planWhenNewTenantThenRealmSchemaAndEveryHostToCreate() {
		OnboardingPlan plan = OnboardingPlanner.plan(null, null, "hash", FRESNES, false, false);

		assertThat(plan.steps()).containsExactly(new Step("realm.create", "fresnes"),
				new Step("schema.create", "t_fresnes"), new Step("host.add", "fresnes.localhost"),
				new Step("host.add", "fresnes.espace-commun.fr"));
	}

	@Test
	void planWhenPolicyHostsClusterAndContactChangeThenEachChangeIsListed() {
		PasswordPolicy stricter = new PasswordPolicy(12, 128, 1, 1, 1, 0, true, true);
		TenantDefinition changed = copy(FRESNES, List.of("fresnes.localhost", "espace.fresnes94.fr"), stricter,
				new KeycloakPlacement("east"),
				new Contact("accueil@fresnes94.fr", "01 49 84 56 56", "", "", "nepasrepondre@fresnes94.fr", "Fresnes"));

		OnboardingPlan plan = OnboardingPlanner.plan(FRESNES, null, "hash-2", changed, true, true);

		assertThat(plan.steps()).containsExactly(
				new Step("realm.password-policy", "minLength 8 → 12, minUppercase 0 → 1"),
				new Step("schema.migrate", "t_fresnes"), new Step("host.add", "espace.fresnes94.fr"),
				new Step("host.remove", "fresnes.espace-commun.fr"), new Step("cluster.change", "default → east"),
				new Step("sections.change", "contact"));
		assertThat(OnboardingPlan.decode(plan.encode())).isEqualTo(plan.steps());
	}

	@Test
	void planWhenRestartReappliesAnUnchangedFileThenNothingToReport() {
		TenantRegistration stored = new TenantRegistration("fresnes", FRESNES.name(), FRESNES.hosts(), "default",
				TenantStatus.SERVING, "hash", null, null, null);

		assertThat(OnboardingPlanner.plan(null, stored, "hash", FRESNES, true, true).isEmpty()).isTrue();
		assertThat(OnboardingPlanner.plan(null, stored, "other-hash", FRESNES, true, true).steps())
			.containsExactly(new Step("realm.align", "fresnes.yaml"), new Step("schema.migrate", "t_fresnes"));
	}

	private static TenantDefinition copy(TenantDefinition t, List<String> hosts, PasswordPolicy policy,
			KeycloakPlacement keycloak, Contact contact) {
		return new TenantDefinition(t.id(), t.name(), t.portalName(), hosts, t.branding(), contact, t.terms(), policy,
				t.usernameMode(), t.steps(), t.fields(), t.accountTypes(), t.consent(), t.serviceKeys(), t.captcha(),
				t.activation(), keycloak, t.source());
	}

	private static TenantDefinition fresnes() {
		FileTenantCatalog catalog = new FileTenantCatalog(
				Path.of(System.getProperty("espace.tenants.dir", "../tenants")));
		catalog.reload();
		return catalog.byId("fresnes").orElseThrow();
	}

}
