package fr.espacecommun.identity;

import java.util.ArrayList;
import java.util.List;

import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;

/**
 * The strength of a password policy measured as the CNIL does in its recommendation on
 * passwords (délibération n° 2022-100 du 21 juillet 2022, JO du 16 octobre 2022): at
 * least 80 bits of entropy for a password alone (cas n° 1), 50 bits when access to the
 * account is restricted after failed attempts (cas n° 2), which Keycloak's brute-force
 * protection does on every realm ({@link LoginThrottling#REALMS}).
 * <p>
 * Method: the entropy of a password is {@code length × log2(alphabet)}, the alphabet
 * being the sum of the sizes of the character classes it uses, with the CNIL's sizes: 26
 * lower-case letters, 26 upper-case letters, 10 digits and 37 special characters (its
 * first example asks for specials "à choisir dans une liste d'au moins 37 caractères
 * spéciaux possibles"), 99 in all. A policy is rated by the weakest password it accepts:
 * the minimum length (or the sum of the class minimums when larger) over the classes the
 * policy forces; when it forces none, a password of digits only is accepted, so the
 * alphabet is 10. Letters and specials beyond the CNIL's count (accented letters, which
 * Keycloak counts as letters) are ignored, which can only under-rate a policy.
 * <p>
 * The bits are compared to the thresholds rounded to the nearest whole bit, as the CNIL
 * states its examples: its first example for cas n° 1, 12 characters with upper- and
 * lower-case letters, digits and specials, is 12 × log2(99) = 79.6 bits, which it counts
 * as 80; its second, 14 characters with upper- and lower-case letters and digits, 14 ×
 * log2(62) = 83.4 bits. For cas n° 2, summaries of the délibération give 8 characters
 * from 3 of the 4 classes and 16 digits (16 × log2(10) = 53.2 bits). The "3 of 4" example
 * reaches 50 bits only when the specials are among the three: 8 × log2(89) = 51.8 bits
 * with both letter cases and specials, while 8 characters of letters and digits give 8 ×
 * log2(62) = 47.6 bits, below 50 by this measure.
 */
public final class PasswordStrength {

	/** Cas n° 1: a password alone. */
	public static final int PASSWORD_ALONE_BITS = 80;

	/** Cas n° 2: a password and a restriction of access to the account. */
	public static final int WITH_THROTTLING_BITS = 50;

	private PasswordStrength() {
	}

	/** How strong the weakest password this policy accepts is. */
	public static Assessment assess(PasswordPolicy policy) {
		List<CharClass> forced = new ArrayList<>();
		if (policy.minLowercase() > 0) {
			forced.add(CharClass.LOWERCASE);
		}
		if (policy.minUppercase() > 0) {
			forced.add(CharClass.UPPERCASE);
		}
		if (policy.minDigits() > 0) {
			forced.add(CharClass.DIGITS);
		}
		if (policy.minSpecialChars() > 0) {
			forced.add(CharClass.SPECIAL);
		}
		int counts = policy.minLowercase() + policy.minUppercase() + policy.minDigits() + policy.minSpecialChars();
		int length = Math.max(Math.max(policy.minLength(), counts), 0);
		int alphabet = forced.isEmpty() ? CharClass.DIGITS.size() : forced.stream().mapToInt(CharClass::size).sum();
		return new Assessment(length, alphabet, forced, bits(length, alphabet));
	}

	/** {@code length × log2(alphabet)}. */
	static double bits(int length, int alphabet) {
		return length * Math.log(alphabet) / Math.log(2);
	}

	/** The shortest length whose entropy over this alphabet reaches the threshold. */
	static int lengthFor(int threshold, int alphabet) {
		int length = 1;
		while (Math.round(bits(length, alphabet)) < threshold) {
			length++;
		}
		return length;
	}

	/** A class of characters, with the size the CNIL gives it. */
	public enum CharClass {

		LOWERCASE(26), UPPERCASE(26), DIGITS(10), SPECIAL(37);

		private final int size;

		CharClass(int size) {
			this.size = size;
		}

		/** How many characters the CNIL counts in this class. */
		public int size() {
			return this.size;
		}

	}

	/** Which of the CNIL's cases a policy satisfies. */
	public enum Level {

		/** 80 bits or more: enough even for a password alone. */
		PASSWORD_ALONE,
		/** 50 to 79 bits: enough because the realm throttles logins. */
		WITH_THROTTLING,
		/** Under 50 bits: below the CNIL's recommendation even with throttling. */
		BELOW

	}

	/**
	 * The rating of a policy.
	 *
	 * @param length the shortest password the policy accepts
	 * @param alphabet the characters that password may be drawn from, by the CNIL's count
	 * @param forced the classes the policy forces, in the order of the wording
	 * @param bits {@code length × log2(alphabet)}
	 */
	public record Assessment(int length, int alphabet, List<CharClass> forced, double bits) {

		public Assessment {
			forced = List.copyOf(forced);
		}

		/** The entropy rounded to the nearest bit, as the CNIL states its figures. */
		public long roundedBits() {
			return Math.round(this.bits);
		}

		/** The CNIL's case this policy satisfies. */
		public Level level() {
			if (roundedBits() >= PASSWORD_ALONE_BITS) {
				return Level.PASSWORD_ALONE;
			}
			return (roundedBits() >= WITH_THROTTLING_BITS) ? Level.WITH_THROTTLING : Level.BELOW;
		}

		/**
		 * The minimum length that would reach the threshold with the classes forced now.
		 */
		public int lengthFor(int threshold) {
			return PasswordStrength.lengthFor(threshold, this.alphabet);
		}

		/**
		 * The minimum length that would reach the threshold if all four classes were
		 * forced.
		 */
		public int lengthWithEveryClassFor(int threshold) {
			int all = 0;
			for (CharClass charClass : CharClass.values()) {
				all += charClass.size();
			}
			return PasswordStrength.lengthFor(threshold, all);
		}

		/** Whether every class is forced already. */
		public boolean forcesEveryClass() {
			return this.forced.size() == CharClass.values().length;
		}

	}

}
