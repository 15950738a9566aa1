package fr.espacecommun.wizard;

import java.util.List;

import fr.espacecommun.tenant.StepType;

/**
 * What the citizen sees at once: usually one step, but consecutive credentials, service
 * keys and security check steps share one page (the guides' "AUTHENTIFICATION" page), so
 * that the password is sent together with the final VALIDER and never stored.
 *
 * @param index position in the wizard, from 0
 * @param slug the URL segment ({@code /inscription/<slug>}): the first step's name
 * @param steps the steps shown, in order
 * @param last whether this page submits the registration (VALIDER)
 */
public record WizardPage(int index, String slug, List<WizardStep> steps, boolean last) {

	public WizardPage {
		steps = List.copyOf(steps);
	}

	/** The page's title: its first step's. */
	public String title() {
		return this.steps.get(0).title();
	}

	/** Whether the page shows this step. */
	public boolean has(StepType type) {
		return this.steps.stream().anyMatch((step) -> step.type() == type);
	}

	/** Every field of the page, in order. */
	public List<WizardField> fields() {
		return this.steps.stream().flatMap((step) -> step.fields().stream()).toList();
	}

}
