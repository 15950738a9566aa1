package fr.espacecommun.wizard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.tenant.TenantDefinition.StepDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's wizard, derived from its YAML: the pages in order, the steps and fields of
 * each, and the confirmation step.
 *
 * @param tenant the tenant
 * @param pages the pages a citizen fills in, in order (confirmation excluded)
 * @param confirmation the confirmation step, if the tenant declares one
 */
public record WizardDefinition(TenantDefinition tenant, List<WizardPage> pages, @Nullable WizardStep confirmation) {

	/** Steps shown together on the final "authentification" page. */
	private static final Set<StepType> FINAL_GROUP = EnumSet.of(StepType.CREDENTIALS, StepType.SERVICE_KEYS,
			StepType.SECURITY_CHECK);

	/** Field id → kind, max length, autocomplete token. */
	private static final Map<String, Meta> META = Map.ofEntries(
			Map.entry("organisationName", meta(FieldKind.TEXT, 200, "organization")),
			Map.entry("siret", meta(FieldKind.SIRET, 20, "off")), Map.entry("rna", meta(FieldKind.RNA, 12, "off")),
			Map.entry("civility", meta(FieldKind.CIVILITY, 20, "honorific-prefix")),
			Map.entry("lastName", meta(FieldKind.TEXT, 100, "family-name")),
			Map.entry("birthName", meta(FieldKind.TEXT, 100, "off")),
			Map.entry("firstNames", meta(FieldKind.TEXT, 150, "given-name")),
			Map.entry("birthDate", meta(FieldKind.BIRTH_DATE, 10, "bday")),
			Map.entry("birthCountry", meta(FieldKind.TEXT, 100, "off")),
			Map.entry("birthDepartment", meta(FieldKind.DEPARTMENT, 3, "off")),
			Map.entry("birthCity", meta(FieldKind.TEXT, 100, "off")),
			Map.entry("photo", meta(FieldKind.PHOTO, 0, "off")),
			Map.entry("addressSearch", meta(FieldKind.ADDRESS_SEARCH, 200, "street-address")),
			Map.entry("streetNumber", meta(FieldKind.TEXT, 20, "off")),
			Map.entry("streetName", meta(FieldKind.TEXT, 200, "address-line1")),
			Map.entry("building", meta(FieldKind.TEXT, 60, "address-line2")),
			Map.entry("apartment", meta(FieldKind.TEXT, 60, "address-line3")),
			Map.entry("complement", meta(FieldKind.TEXT, 200, "off")),
			Map.entry("postalCode", meta(FieldKind.POSTAL_CODE, 10, "postal-code")),
			Map.entry("city", meta(FieldKind.TEXT, 100, "address-level2")),
			Map.entry("country", meta(FieldKind.TEXT, 100, "country-name")),
			Map.entry("phone", meta(FieldKind.PHONE, 30, "tel")), Map.entry("mobile", meta(FieldKind.PHONE, 30, "tel")),
			Map.entry("fax", meta(FieldKind.PHONE, 30, "off")), Map.entry("email", meta(FieldKind.EMAIL, 254, "email")),
			Map.entry("preferredContact", meta(FieldKind.PREFERRED_CONTACT, 20, "off")),
			Map.entry("username", meta(FieldKind.USERNAME, 50, "username")));

	public WizardDefinition {
		pages = List.copyOf(pages);
	}

	/** The wizard of this tenant. */
	public static WizardDefinition of(TenantDefinition tenant) {
		List<WizardStep> steps = new ArrayList<>();
		WizardStep confirmation = null;
		for (StepDefinition definition : tenant.steps()) {
			WizardStep step = new WizardStep(definition.type(), definition.title(), definition.intro(),
					fieldsOf(tenant, definition.type()));
			if (definition.type() == StepType.CONFIRMATION) {
				confirmation = step;
			}
			else {
				steps.add(step);
			}
		}
		List<List<WizardStep>> groups = new ArrayList<>();
		for (WizardStep step : steps) {
			List<WizardStep> previous = groups.isEmpty() ? null : groups.get(groups.size() - 1);
			if (previous != null && FINAL_GROUP.contains(step.type())
					&& FINAL_GROUP.contains(previous.get(previous.size() - 1).type())) {
				previous.add(step);
			}
			else {
				groups.add(new ArrayList<>(List.of(step)));
			}
		}
		List<WizardPage> pages = new ArrayList<>();
		for (int i = 0; i < groups.size(); i++) {
			List<WizardStep> group = groups.get(i);
			pages.add(new WizardPage(i, group.get(0).type().yamlName(), group, i == groups.size() - 1));
		}
		return new WizardDefinition(tenant, pages, confirmation);
	}

	private static List<WizardField> fieldsOf(TenantDefinition tenant, StepType type) {
		List<WizardField> fields = new ArrayList<>();
		if (type == StepType.SERVICE_KEYS) {
			for (ServiceKeyDefinition key : tenant.serviceKeys()) {
				String hint = (key.help() != null) ? key.help() : "";
				fields.add(new WizardField(WizardField.SERVICE_KEY_PREFIX + key.id(), key.label(), key.required(),
						FieldKind.TEXT, 50, "off", key.pattern(), key.example(), hint));
			}
			return fields;
		}
		for (String id : FieldCatalog.fieldsOf(type)) {
			Optional<FieldRule> rule = tenant.field(id);
			if (rule.isEmpty() || rule.get().requirement() == Requirement.HIDDEN) {
				continue;
			}
			if (id.equals("username") && tenant.usernameMode() == UsernameMode.EMAIL) {
				continue;
			}
			Meta meta = META.getOrDefault(id, meta(FieldKind.TEXT, 200, "off"));
			if (meta.kind() == FieldKind.PHOTO) {
				// pictures are added from Mon espace; the wizard stores no file
				continue;
			}
			fields.add(new WizardField(id, rule.get().label(), rule.get().requirement() == Requirement.REQUIRED,
					meta.kind(), meta.maxLength(), meta.autocomplete(), "", "", ""));
		}
		return fields;
	}

	/** The page with this slug. */
	public Optional<WizardPage> page(String slug) {
		return this.pages.stream().filter((page) -> page.slug().equals(slug)).findFirst();
	}

	/** The first page. */
	public WizardPage first() {
		return this.pages.get(0);
	}

	/** The page that shows this step. */
	public Optional<WizardPage> pageOf(StepType type) {
		return this.pages.stream().filter((page) -> page.has(type)).findFirst();
	}

	/**
	 * Whether citizens may create an account themselves (not on pre-provisioned tenants).
	 */
	public boolean selfRegistration() {
		return this.tenant.activation().mode() != TenantDefinition.ActivationMode.PRE_PROVISIONED
				&& this.tenant.hasStep(StepType.CREDENTIALS);
	}

	/** Whether the password is typed on the final page, so it never waits anywhere. */
	public boolean passwordOnLastPage() {
		return this.pages.get(this.pages.size() - 1).has(StepType.CREDENTIALS);
	}

	/** The field with this id, on any page. */
	public Optional<WizardField> field(String id) {
		return this.pages.stream()
			.flatMap((page) -> page.fields().stream())
			.filter((f) -> f.id().equals(id))
			.findFirst();
	}

	private static Meta meta(FieldKind kind, int maxLength, String autocomplete) {
		return new Meta(kind, maxLength, autocomplete);
	}

	private record Meta(FieldKind kind, int maxLength, String autocomplete) {
	}

}
