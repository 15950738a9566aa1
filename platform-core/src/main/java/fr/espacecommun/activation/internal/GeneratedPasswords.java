package fr.espacecommun.activation.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;

/**
 * Passwords the platform generates for accounts the commune creates, and their PBKDF2
 * hashes, kept only until the citizen chooses their own password.
 */
public final class GeneratedPasswords {

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String DIGITS = "23456789";

	// characters every Keycloak special-character rule counts, and easy to type
	private static final String SPECIAL = "-_.!?";

	private static final int ITERATIONS = 210_000;

	private final SecureRandom random = new SecureRandom();

	/**
	 * A password meeting the policy: each class at least as often as required (twice by
	 * default), at least 16 characters, without look-alike characters (l, 1, O, 0).
	 */
	public String generate(PasswordPolicy policy) {
		List<Character> chars = new ArrayList<>();
		add(chars, LOWER, Math.max(policy.minLowercase(), 2));
		add(chars, UPPER, Math.max(policy.minUppercase(), 2));
		add(chars, DIGITS, Math.max(policy.minDigits(), 2));
		add(chars, SPECIAL, Math.max(policy.minSpecialChars(), 1));
		String all = LOWER + UPPER + DIGITS;
		int length = Math.min(Math.max(policy.minLength(), 16), policy.maxLength());
		while (chars.size() < length) {
			chars.add(all.charAt(this.random.nextInt(all.length())));
		}
		Collections.shuffle(chars, this.random);
		StringBuilder password = new StringBuilder();
		chars.forEach(password::append);
		return password.toString();
	}

	/** {@code pbkdf2-sha256$iterations$salt$hash}, Base64. */
	public String hash(String password) {
		byte[] salt = new byte[16];
		this.random.nextBytes(salt);
		Base64.Encoder base64 = Base64.getEncoder();
		return "pbkdf2-sha256$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
				+ base64.encodeToString(derive(password, salt, ITERATIONS));
	}

	/** Whether the password matches the hash, in constant time. */
	boolean matches(String password, String hash) {
		String[] parts = hash.split("\\$");
		if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
			return false;
		}
		Base64.Decoder base64 = Base64.getDecoder();
		byte[] expected = base64.decode(parts[3]);
		byte[] actual = derive(password, base64.decode(parts[2]), Integer.parseInt(parts[1]));
		return MessageDigest.isEqual(expected, actual);
	}

	private void add(List<Character> chars, String set, int count) {
		for (int i = 0; i < count; i++) {
			chars.add(set.charAt(this.random.nextInt(set.length())));
		}
	}

	private static byte[] derive(String password, byte[] salt, int iterations) {
		try {
			PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
