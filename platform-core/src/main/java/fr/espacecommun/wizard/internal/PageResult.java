package fr.espacecommun.wizard.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardPage;
import org.jspecify.annotations.Nullable;

/** What the pages do after a citizen's action. */
public sealed interface PageResult {

	/** The draft concerned. */
	UUID draftId();

	/**
	 * Show a page again: with errors next to the fields, or with address suggestions.
	 *
	 * @param draftId the draft
	 * @param page the page to show
	 * @param draft the draft, for proofs and the security check
	 * @param values the values to show, as typed
	 * @param errors the errors, in page order
	 * @param suggestions address suggestions (Rechercher without JavaScript)
	 */
	record Show(UUID draftId, WizardPage page, DraftState draft, Map<String, String> values, List<FieldError> errors,
			List<AddressSuggestion> suggestions) implements PageResult {

		public Show {
			values = Map.copyOf(values);
			errors = List.copyOf(errors);
			suggestions = List.copyOf(suggestions);
		}

	}

	/**
	 * Go to a page.
	 *
	 * @param draftId the draft
	 * @param slug the page
	 * @param passwordToHold the validated password when the credentials page is not the
	 * last one: the web layer keeps it in its own memory until submission, never in the
	 * HTTP session (stored in the database) nor in the draft
	 */
	record Go(UUID draftId, String slug, @Nullable String passwordToHold) implements PageResult {

		@Override
		public String toString() {
			return "Go[" + this.draftId + ", " + this.slug + "]";
		}

	}

	/** The citizen confirmed nothing yet: ask whether to abandon. */
	record ConfirmCancel(UUID draftId, String slug) implements PageResult {
	}

	/**
	 * Submitted: show the outcome.
	 *
	 * @param draftId the draft
	 * @param outcome the outcome
	 */
	record Submitted(UUID draftId, Outcome outcome) implements PageResult {
	}

	/** The identity service is unavailable: nothing created, the draft kept. */
	record Unavailable(UUID draftId, String slug) implements PageResult {
	}

	/** Another request is submitting this draft right now. */
	record InProgress(UUID draftId) implements PageResult {
	}

}
