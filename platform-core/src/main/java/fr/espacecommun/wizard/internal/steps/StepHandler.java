package fr.espacecommun.wizard.internal.steps;

import java.util.List;
import java.util.Map;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.WizardField;

/**
 * One step type of the wizard (identity, CGU, credentials…): the fields it shows, what it
 * takes from a sent form, and the check of what the draft holds for it. The check runs
 * when the citizen leaves the page and again, the same code, on every page before the
 * registration is submitted, so the two cannot disagree. Adding a step type means adding
 * one handler (listed in {@link Steps}) and its entry in the tenant schema.
 */
public interface StepHandler {

	/** The step type this handler applies. */
	StepType type();

	/** The fields the step shows for this tenant, in page order. */
	List<WizardField> fields(TenantDefinition tenant);

	/** Readies the step before its page is shown (a security check's pictures). */
	default void prepare(StepContext step) {
	}

	/**
	 * Takes what the citizen sent into the draft (values, acceptances, an answer); adds
	 * the errors only a sent form can have (a wrong answer, a password that does not
	 * match its confirmation).
	 */
	default void take(StepContext step, Map<String, String> typed, StepErrors errors) {
	}

	/** Checks what the draft holds for the step; the same before submission. */
	void check(StepContext step, StepErrors errors);

	/**
	 * After the page's steps were taken and checked (not before submission): checks that
	 * ask another service, such as whether a username is free.
	 * @param pageRefused whether the page has errors already, in any of its steps
	 */
	default void review(StepContext step, StepErrors errors, boolean pageRefused) {
	}

	/** Keeps what was typed, unchecked (Précédent, Annuler, Rechercher). */
	default void keep(StepContext step, Map<String, String> typed) {
	}

	/**
	 * What the step gives the registration: field values by field id, blanks left out.
	 */
	default Map<String, String> submitted(StepContext step) {
		return Map.of();
	}

}
