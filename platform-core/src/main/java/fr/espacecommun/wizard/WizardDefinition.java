package fr.espacecommun.wizard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.tenant.TenantDefinition.StepDefinition;
import fr.espacecommun.wizard.internal.steps.Steps;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's wizard, derived from its YAML: the pages in order, the steps and fields of
 * each (as each step's handler declares them), and the confirmation step.
 *
 * @param tenant the tenant
 * @param pages the pages a citizen fills in, in order (confirmation excluded)
 * @param confirmation the confirmation step, if the tenant declares one
 */
public record WizardDefinition(TenantDefinition tenant, List<WizardPage> pages, @Nullable WizardStep confirmation) {

	/** Steps shown together on the final "authentification" page. */
	private static final Set<StepType> FINAL_GROUP = EnumSet.of(StepType.CREDENTIALS, StepType.SERVICE_KEYS,
			StepType.SECURITY_CHECK);

	public WizardDefinition {
		pages = List.copyOf(pages);
	}

	/** The wizard of this tenant. */
	public static WizardDefinition of(TenantDefinition tenant) {
		List<WizardStep> steps = new ArrayList<>();
		WizardStep confirmation = null;
		for (StepDefinition definition : tenant.steps()) {
			WizardStep step = new WizardStep(definition.type(), definition.title(), definition.intro(),
					Steps.of(definition.type()).fields(tenant));
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

	/**
	 * The wizard's field for one of the tenant's service keys, whether or not its wizard
	 * asks it: pages and imports outside the wizard check keys with it.
	 */
	public static WizardField serviceKeyField(TenantDefinition tenant, ServiceKeyDefinition key) {
		String id = WizardField.SERVICE_KEY_PREFIX + key.id();
		return Steps.of(StepType.SERVICE_KEYS)
			.fields(tenant)
			.stream()
			.filter((field) -> field.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service key " + key.id() + " in " + tenant.id()));
	}

	/** The page with this slug. */
	public Optional<WizardPage> page(String slug) {
		return this.pages.stream().filter((page) -> page.slug().equals(slug)).findFirst();
	}

	/** The first page. */
	public WizardPage first() {
		return this.pages.get(0);
	}

	/** The last page, whose VALIDER submits. */
	public WizardPage last() {
		return this.pages.get(this.pages.size() - 1);
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
		return last().has(StepType.CREDENTIALS);
	}

	/** The field with this id, on any page. */
	public Optional<WizardField> field(String id) {
		return this.pages.stream()
			.flatMap((page) -> page.fields().stream())
			.filter((f) -> f.id().equals(id))
			.findFirst();
	}

}
