package fr.espacecommun.wizard.internal.steps;

import java.time.Instant;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.WizardStep;
import fr.espacecommun.wizard.internal.WizardDraft;
import org.jspecify.annotations.Nullable;

/**
 * One step of a page at work: the tenant, the step, the citizen's draft, the time, and
 * the password of this submission (never stored: it lives as long as the request).
 */
public final class StepContext {

	private final TenantDefinition tenant;

	private final WizardStep step;

	private final WizardDraft draft;

	private final PageRun page;

	StepContext(TenantDefinition tenant, WizardStep step, WizardDraft draft, PageRun page) {
		this.tenant = tenant;
		this.step = step;
		this.draft = draft;
		this.page = page;
	}

	/** The contexts of one page's steps share what a page request knows. */
	public static StepContext of(TenantDefinition tenant, WizardStep step, WizardDraft draft, PageRun page) {
		return new StepContext(tenant, step, draft, page);
	}

	public TenantDefinition tenant() {
		return this.tenant;
	}

	public WizardStep step() {
		return this.step;
	}

	public WizardDraft draft() {
		return this.draft;
	}

	public Instant now() {
		return this.page.now();
	}

	/**
	 * Today in Paris, and the country the draft holds, for checks that depend on them.
	 */
	public FieldRules.Context fieldContext() {
		return new FieldRules.Context(this.page.today(), this.draft.value("country"));
	}

	/** Whether this step's page submits the registration. */
	public boolean lastPage() {
		return this.page.lastPage();
	}

	public StepServices services() {
		return this.page.services();
	}

	/** The password of this submission, once checked; null when not known. */
	public @Nullable String password() {
		return this.page.password();
	}

	/**
	 * Records the password the citizen typed once checked, or null when it was refused.
	 */
	public void acceptPassword(@Nullable String password) {
		this.page.acceptPassword(password);
	}

}
