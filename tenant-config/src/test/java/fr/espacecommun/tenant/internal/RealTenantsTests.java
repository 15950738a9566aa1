package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.ReloadReport;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ActivationMode;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantDefinition.StepDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The five communes' files, as committed in the repository's {@code tenants/} folder. */
public class RealTenantsTests {

	public static final Path TENANTS = Path.of("../tenants");

	static FileTenantCatalog catalog;

	@BeforeAll
	static void load() {
		catalog = new FileTenantCatalog(TENANTS);
		ReloadReport report = catalog.reload();
		assertThat(report.errors()).isEmpty();
	}

	@Test
	void tenantsFolderWhenLoadedThenFiveCommunes() {
		assertThat(catalog.all()).extracting(TenantDefinition::id)
			.containsExactly("ccplm", "ccve", "fresnes", "velizy", "villennes");
		assertThat(catalog.errors()).isEmpty();
	}

	@Test
	void fresnesWhenLoadedThenGuideRules() {
		TenantDefinition fresnes = tenant("fresnes");
		assertThat(fresnes.portalName()).isEqualTo("Espace Famille");
		assertThat(fresnes.passwordPolicy())
			.extracting(PasswordPolicy::minLength, PasswordPolicy::minLowercase, PasswordPolicy::minUppercase,
					PasswordPolicy::minDigits)
			.containsExactly(8, 1, 0, 1);
		assertThat(fresnes.steps()).extracting((step) -> step.type().yamlName())
			.containsExactly("welcome", "cgu", "identity", "address", "contact", "credentials", "service-keys",
					"security-check", "confirmation");
		assertThat(fresnes.field("lastName").orElseThrow().label()).isEqualTo("Nom usuel");
		assertThat(fresnes.field("username").orElseThrow().label()).isEqualTo("Identifiant d'utilisateur");
		assertThat(fresnes.captcha().prompt()).isEqualTo("Cliquez sur le pied");
		assertThat(fresnes.captcha().choices()).contains(fresnes.captcha().target()).hasSize(6);
		assertThat(fresnes.activation().mode()).isEqualTo(ActivationMode.EMAIL_LINK);
		assertThat(fresnes.contact().email()).isEqualTo("accueil.unique@fresnes94.fr");
		assertThat(fresnes.contact().phone()).isEqualTo("01 49 84 56 56");
	}

	@Test
	void ccplmWhenLoadedThenUppercaseRequiredAndPencilCaptcha() {
		TenantDefinition ccplm = tenant("ccplm");
		assertThat(ccplm.passwordPolicy())
			.extracting(PasswordPolicy::minLength, PasswordPolicy::minLowercase, PasswordPolicy::minUppercase,
					PasswordPolicy::minDigits)
			.containsExactly(8, 1, 1, 1);
		assertThat(ccplm.field("username").orElseThrow().label()).isEqualTo("Nom d'utilisateur");
		assertThat(ccplm.captcha().target()).isEqualTo("crayon");
		assertThat(ccplm.activation().mode()).isEqualTo(ActivationMode.EMAIL_LINK);
	}

	@Test
	void ccveWhenLoadedThenEmailUsernameThreeAccountTypesAndConsent() {
		TenantDefinition ccve = tenant("ccve");
		assertThat(ccve.usernameMode()).isEqualTo(UsernameMode.EMAIL);
		assertThat(ccve.accountTypes()).extracting(TenantDefinition.AccountType::label)
			.containsExactly("COMPTE PERSONNEL", "COMPTE ASSOCIATION", "COMPTE ENTREPRISE");
		assertThat(ccve.steps().subList(0, 2)).extracting(StepDefinition::type)
			.containsExactly(StepType.ACCOUNT_TYPE, StepType.CONSENT);
		assertThat(ccve.consent().acceptLabel()).isEqualTo("ACCEPTER");
		assertThat(ccve.field("lastName").orElseThrow().label()).isEqualTo("Nom");
		assertThat(ccve.activation().mode()).isEqualTo(ActivationMode.IMMEDIATE);
		assertThat(ccve.captcha()).isNull();
	}

	@Test
	void villennesWhenLoadedThenManualApprovalWithin48BusinessHours() {
		TenantDefinition villennes = tenant("villennes");
		assertThat(villennes.activation().mode()).isEqualTo(ActivationMode.MANUAL_APPROVAL);
		assertThat(villennes.activation().approvalDeadlineBusinessHours()).isEqualTo(48);
		assertThat(villennes.activation().preProvisionedAccounts()).isTrue();
		assertThat(villennes.terms().commonModel()).isTrue();
		assertThat(villennes.field("phone").orElseThrow().requirement()).isEqualTo(Requirement.HIDDEN);
		assertThat(villennes.field("birthName").orElseThrow().requirement()).isEqualTo(Requirement.OPTIONAL);
	}

	@Test
	void velizyWhenLoadedThenCguLastWithScrollToAccept() {
		TenantDefinition velizy = tenant("velizy");
		List<StepDefinition> steps = velizy.steps();
		assertThat(steps.get(steps.size() - 1).type()).isEqualTo(StepType.CGU);
		assertThat(velizy.terms().scrollToAccept()).isTrue();
		assertThat(velizy.activation().mode()).isEqualTo(ActivationMode.PRE_PROVISIONED);
		TenantDefinition.ServiceKeyDefinition enfance = velizy.serviceKeys().get(0);
		assertThat(enfance.example()).isEqualTo("23456-B7J8K2").matches(enfance.pattern());
		assertThat(enfance.required()).isFalse();
	}

	@Test
	void everyTenantWhenLoadedThenCguHashMatchesItsFile() throws IOException {
		for (TenantDefinition tenant : catalog.all()) {
			String markdown = Files.readString(TENANTS.resolve(tenant.terms().file()), StandardCharsets.UTF_8);
			assertThat(tenant.terms().markdown()).isEqualTo(markdown);
			assertThat(tenant.terms().sha256()).hasSize(64).isEqualTo(DigestUtils.sha256Hex(markdown));
			assertThat(markdown).contains("CONDITIONS G");
		}
	}

	@Test
	void everyTenantWhenLoadedThenReadableBrandingAndLocalHost() {
		for (TenantDefinition tenant : catalog.all()) {
			assertThat(TenantRules.contrastWithWhite(tenant.branding().primaryColor())).isGreaterThanOrEqualTo(4.5);
			assertThat(TENANTS.resolve(tenant.branding().logo())).isRegularFile();
			assertThat(catalog.byHost(tenant.id() + ".localhost")).contains(tenant);
			assertThat(catalog.byHost(tenant.id().toUpperCase() + ".Espace-Commun.FR")).contains(tenant);
			assertThat(tenant.keycloak().cluster()).isEqualTo("default");
		}
	}

	@Test
	void schemaWhenReadThenListsEveryCatalogueField() throws IOException {
		JsonNode schema = JsonMapper.builder()
			.build()
			.readTree(SchemaCheck.class.getResourceAsStream(SchemaCheck.RESOURCE));
		assertThat(schema.path("properties").path("fields").path("properties").propertyNames())
			.containsExactlyInAnyOrderElementsOf(FieldCatalog.ids());
		assertThat(FieldCatalog.stepOf("username")).contains(StepType.CREDENTIALS);
		assertThat(FieldCatalog.fieldsOf(StepType.CONTACT)).extracting(FieldCatalog.CitizenField::id)
			.containsExactly("phone", "mobile", "fax", "email", "preferredContact");
	}

	private static TenantDefinition tenant(String id) {
		return catalog.byId(id).orElseThrow();
	}

}
