package fr.espacecommun.wizard.internal;

import java.util.Locale;

/** The button a citizen pressed on a wizard page. */
public enum WizardAction {

	/** Suivant / Valider (and the consent's ACCEPTER): checks the page. */
	NEXT,
	/** Précédent: keeps what was typed, checks nothing. */
	PREVIOUS,
	/** Annuler: keeps what was typed until the citizen confirms. */
	CANCEL,
	/** Rechercher (address step without JavaScript): suggestions, no check. */
	SEARCH;

	/** The action named by a form's {@code action} value; NEXT when unknown. */
	public static WizardAction of(String value) {
		if (value == null) {
			return NEXT;
		}
		try {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return NEXT;
		}
	}

}
