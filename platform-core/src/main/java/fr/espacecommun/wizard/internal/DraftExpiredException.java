package fr.espacecommun.wizard.internal;

/** The draft is past its lifetime, or was purged: the wizard must start again. */
public class DraftExpiredException extends RuntimeException {

	DraftExpiredException() {
		super("Wizard draft expired or unknown");
	}

}
