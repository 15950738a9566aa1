package fr.espacecommun.wizard.internal.steps;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.espacecommun.tenant.TenantDefinition.Captcha;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security check ("Cliquez sur le pied"): the tenant's pictures in a shuffled order,
 * each behind a random token, so the page names no picture and an answer cannot be
 * guessed from the markup or replayed on another draft.
 * <p>
 * Accessibility (RGAA 1.x, WCAG 1.1.1): people who cannot see the pictures answer a text
 * question instead ("Combien font trois plus quatre ?", worded by the page), asked beside
 * the pictures and checked on the server in the same way. The pictures themselves are
 * labelled "Image 1", "Image 2"…, never by what they show, which would give the answer
 * away.
 * <p>
 * One challenge per draft, stored in the draft. It is single use: any answer, right or
 * wrong, consumes it; a wrong answer gets a new challenge, a right one is remembered as
 * passed until the registration is submitted.
 */
public final class SecurityCheck {

	private static final SecureRandom random = new SecureRandom();

	private static final JsonMapper json = JsonMapper.builder().build();

	private SecurityCheck() {
	}

	/** A new challenge for the tenant's check. */
	static Challenge newChallenge(Captcha captcha) {
		List<String> pictures = new ArrayList<>(captcha.choices());
		Collections.shuffle(pictures, random);
		Map<String, String> tokens = new LinkedHashMap<>();
		String target = "";
		for (String picture : pictures) {
			String token = token();
			tokens.put(token, picture);
			if (picture.equals(captcha.target())) {
				target = token;
			}
		}
		int a = 1 + random.nextInt(9);
		int b = 1 + random.nextInt(9);
		return new Challenge(tokens, target, List.of(a, b), Integer.toString(a + b));
	}

	/**
	 * Whether the answer is right: the target picture's token, or the text answer.
	 * @param challenge the draft's challenge
	 * @param pictureToken the picture chosen, may be null
	 * @param textAnswer the text answer, may be null
	 */
	static boolean isRight(Challenge challenge, @Nullable String pictureToken, @Nullable String textAnswer) {
		if (pictureToken != null && !pictureToken.isBlank()) {
			return pictureToken.equals(challenge.target());
		}
		if (textAnswer != null && !textAnswer.isBlank()) {
			return textAnswer.strip().toLowerCase(Locale.ROOT).equals(challenge.answer());
		}
		return false;
	}

	/** The challenge a draft stores, or null (none, or one stored in an older form). */
	public static @Nullable Challenge read(@Nullable String stored) {
		if (stored == null || stored.isBlank()) {
			return null;
		}
		Challenge challenge = json.readValue(stored, Challenge.class);
		return (challenge.operands() == null || challenge.operands().size() != 2) ? null : challenge;
	}

	static String write(Challenge challenge) {
		return json.writeValueAsString(challenge);
	}

	private static String token() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * A challenge, kept server-side in the draft.
	 *
	 * @param pictures picture name by token, in display order
	 * @param target the token of the picture to choose
	 * @param operands the two numbers of the text question, added ("trois plus quatre")
	 * @param answer its answer in digits
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Challenge(Map<String, String> pictures, String target, List<Integer> operands, String answer) {

		public Challenge {
			pictures = Collections.unmodifiableMap(new LinkedHashMap<>(pictures));
		}

	}

}
