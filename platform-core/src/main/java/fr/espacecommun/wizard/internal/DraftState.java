package fr.espacecommun.wizard.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A draft as the pages see it.
 *
 * @param id the draft (and registration) id
 * @param currentStep slug of the page to resume at
 * @param reachedPage index of the furthest page reached
 * @param accountType chosen account type
 * @param values the values typed so far, by field id
 * @param cguAccepted whether the CGU were accepted
 * @param consentAccepted whether the consent was given
 * @param securityPassed whether the security check was passed
 * @param challenge the current security check, if one is pending
 * @param outcome the outcome, once submitted
 * @param expiresAt when the draft expires
 */
public record DraftState(UUID id, String currentStep, int reachedPage, String accountType, Map<String, String> values,
		boolean cguAccepted, boolean consentAccepted, boolean securityPassed, @Nullable ChallengeView challenge,
		@Nullable Outcome outcome, Instant expiresAt) {

	public DraftState {
		values = Map.copyOf(values);
	}

	/** The value of a field, empty if none. */
	public String value(String field) {
		return this.values.getOrDefault(field, "");
	}

	/**
	 * A pending security check, as shown: pictures behind tokens, and the text question.
	 *
	 * @param pictures the pictures in display order
	 * @param first the question's first number ("trois plus quatre": 3)
	 * @param second the question's second number (4)
	 */
	public record ChallengeView(List<Picture> pictures, int first, int second) {

		public ChallengeView {
			pictures = List.copyOf(pictures);
		}

	}

	/**
	 * One picture of the check.
	 *
	 * @param token what the form sends back when it is chosen
	 * @param name which drawing to show; never written in the page
	 */
	public record Picture(String token, String name) {
	}

}
