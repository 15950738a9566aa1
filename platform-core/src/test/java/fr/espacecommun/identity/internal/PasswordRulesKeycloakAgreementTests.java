package fr.espacecommun.identity.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.identity.KeycloakTestSupport;
import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.identity.PasswordRules.PasswordCheck;
import fr.espacecommun.identity.PasswordRules.Rule;
import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.identity.TestTenants;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import fr.espacecommun.testsupport.SharedKeycloak;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's password check and Keycloak's own policy, run on the same few hundred
 * generated passwords, must agree on every one: the wizard may never accept a password
 * Keycloak then refuses, nor refuse one Keycloak would take.
 */
class PasswordRulesKeycloakAgreementTests {

	private static final int PASSWORDS_PER_POLICY = 200;

	// Hashing settings are policies Keycloak never refuses a password for (their
	// validate() returns null): they only make each accepted reset fast instead of an
	// argon2 hash
	private static final String FAST_HASHING = " and hashAlgorithm(pbkdf2-sha256) and hashIterations(1)";

	/** Keycloak's error for each rule, as its policy providers name them. */
	private static final Map<String, String> RULE_OF_ERROR = Map.of("invalidPasswordMinLengthMessage", "length",
			"invalidPasswordMaxLengthMessage", "maxLength", "invalidPasswordMinLowerCaseCharsMessage", "lowercase",
			"invalidPasswordMinUpperCaseCharsMessage", "uppercase", "invalidPasswordMinDigitsMessage", "digits",
			"invalidPasswordMinSpecialCharsMessage", "special", "invalidPasswordNotUsernameMessage", "notUsername",
			"invalidPasswordNotEmailMessage", "notEmail");

	private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

	private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private static final String DIGITS = "0123456789";

	private static final String PUNCTUATION = "!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~§€";

	// accented letters, letters without a case, Unicode digits and symbols whose
	// category surprises: "ª" is lower case, "Ⅻ" upper case yet not a letter, "²" no
	// digit, U+0301 a combining accent, the rest outside the BMP (two chars each)
	private static final String[] UNUSUAL = { "é", "è", "à", "ç", "ù", "œ", "ß", "É", "È", "À", "Ç", "Œ", "ª", "Ⅻ", "²",
			"٣", "５", "\u0301", "ا", "中", " ", "\t", "\uD83D\uDE00", "\uD83D\uDD12", "\uD835\uDC00", "\uD835\uDC1A" };

	private static KeycloakClusters clusters;

	private static RealmProvisioner provisioner;

	private static final List<TenantDefinition> realms = new ArrayList<>();

	@BeforeAll
	static void connect() {
		SharedKeycloak.ServerInfo server = SharedKeycloak.get();
		KeycloakProperties properties = new KeycloakProperties(
				Map.of("default",
						KeycloakTestSupport.cluster(server.url(), server.adminUsername(), server.adminPassword())),
				new KeycloakProperties.Platform("default", "platform", "Espace Commun — exploitation",
						List.of("localhost")),
				new KeycloakProperties.WebClient("espace-commun-web", List.of(8080)));
		clusters = new KeycloakClusters(properties);
		provisioner = new RealmProvisioner(clusters, properties);
	}

	@AfterAll
	static void dropRealms() {
		for (TenantDefinition tenant : realms) {
			clusters.forTenant(tenant).realm(tenant.realm()).remove();
		}
		clusters.close();
	}

	@Test
	void checkWhenFresnesPolicyThenSameVerdictAsKeycloakOnEveryPassword() {
		PasswordPolicy fresnes = new PasswordPolicy(8, 128, 1, 0, 1, 0, true, true);

		compare(fresnes, UsernameMode.CHOSEN, "Jean.Dupont-94", "Jean.Dupont-94@Exemple.fr", 1);
	}

	@Test
	void checkWhenStrictPolicyWithSpecialCharactersAndMaximumThenSameVerdictAsKeycloakOnEveryPassword() {
		PasswordPolicy strict = new PasswordPolicy(12, 32, 2, 1, 2, 2, true, true);

		compare(strict, UsernameMode.CHOSEN, "Jean.Dupont-94", "Jean.Dupont-94@Exemple.fr", 2);
	}

	@Test
	void checkWhenEmailIsTheUsernameThenSameVerdictAsKeycloakOnEveryPassword() {
		PasswordPolicy cnil = new PasswordPolicy(12, 128, 1, 1, 1, 1, true, true);

		compare(cnil, UsernameMode.EMAIL, "Marie-Anne.Leroy78@Exemple.fr", "Marie-Anne.Leroy78@Exemple.fr", 3);
	}

	private static void compare(PasswordPolicy policy, UsernameMode mode, String username, String email, long seed) {
		long start = System.nanoTime();
		RealmResource realm = fastHashingRealm(policy, mode);
		String id = provisioner.ensureUser(tenantOf(realm), username, email, "Jean", "Dupont",
				compliantPassword(policy));
		UserResource user = realm.users().get(id);
		List<String> passwords = generate(new Random(seed), policy, username, email);

		List<String> disagreements = new ArrayList<>();
		Map<String, Integer> refusedByKeycloak = new TreeMap<>();
		Map<String, Integer> unmetByPlatform = new TreeMap<>();
		int accepted = 0;
		for (String password : passwords) {
			PasswordCheck ours = PasswordRules.check(policy, password, username, email);
			String error = keycloakError(user, password);
			if (error == null) {
				accepted++;
			}
			else {
				refusedByKeycloak.merge(error, 1, Integer::sum);
			}
			String rule = (error != null) ? RULE_OF_ERROR.getOrDefault(error, error) : null;
			List<String> unmet = ours.unmet().stream().map(Rule::id).toList();
			unmet.forEach((ruleId) -> unmetByPlatform.merge(ruleId, 1, Integer::sum));
			boolean agree = (error == null) ? ours.ok() : unmet.contains(rule);
			if (!agree) {
				disagreements
					.add(describe(password) + ": Keycloak " + ((error != null) ? "refused (" + error + ")" : "accepted")
							+ ", platform " + (ours.ok() ? "accepted" : "refused " + unmet));
			}
		}

		Duration took = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf(
				"Password agreement, policy %s: %d passwords checked against Keycloak in %d ms,"
						+ " %d accepted, Keycloak's refusals %s, rules unmet %s, %d disagreements%n",
				KeycloakPasswordPolicy.of(policy), passwords.size(), took.toMillis(), accepted, refusedByKeycloak,
				unmetByPlatform, disagreements.size());
		assertThat(disagreements).as("passwords on which the platform and Keycloak disagree").isEmpty();
		assertThat(passwords).hasSizeGreaterThanOrEqualTo(PASSWORDS_PER_POLICY);
		// the sample is worth something only if both verdicts, and every rule, occur
		assertThat(accepted).as("accepted").isGreaterThan(passwords.size() / 10);
		assertThat(passwords.size() - accepted).as("refused").isGreaterThan(passwords.size() / 10);
		assertThat(unmetByPlatform.keySet()).as("rules broken by some password")
			.containsAll(PasswordRules.check(policy, "", null, null).rules().stream().map(Rule::id).toList());
	}

	/** Keycloak's error key, or null when it took the password. */
	private static String keycloakError(UserResource user, String password) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(password);
		credential.setTemporary(false);
		try {
			user.resetPassword(credential);
			return null;
		}
		catch (BadRequestException ex) {
			String body = ex.getResponse().readEntity(String.class);
			return RULE_OF_ERROR.keySet()
				.stream()
				.filter(body::contains)
				.findFirst()
				.orElseThrow(() -> new AssertionError("Unexpected refusal of " + describe(password) + ": " + body));
		}
	}

	private static RealmResource fastHashingRealm(PasswordPolicy policy, UsernameMode mode) {
		TenantDefinition tenant = TestTenants.commune("pwagree", policy, mode);
		realms.add(tenant);
		provisioner.provision(tenant);
		RealmResource realm = clusters.forTenant(tenant).realm(tenant.realm());
		RealmRepresentation patch = new RealmRepresentation();
		patch.setPasswordPolicy(KeycloakPasswordPolicy.of(policy) + FAST_HASHING);
		realm.update(patch);
		// the rules compared are exactly the tenant's, the hashing settings aside
		assertThat(realm.toRepresentation().getPasswordPolicy())
			.isEqualTo(KeycloakPasswordPolicy.of(policy) + FAST_HASHING);
		return realm;
	}

	private static TenantDefinition tenantOf(RealmResource realm) {
		String name = realm.toRepresentation().getRealm();
		return realms.stream().filter((tenant) -> tenant.realm().equals(name)).findFirst().orElseThrow();
	}

	private static String compliantPassword(PasswordPolicy policy) {
		String password = "Ab-" + "cd".repeat(policy.minLowercase()) + "X".repeat(policy.minUppercase())
				+ "12".repeat(policy.minDigits()) + "!?".repeat(policy.minSpecialChars());
		while (password.length() < policy.minLength()) {
			password += "z";
		}
		assertThat(PasswordRules.check(policy, password, null, null).ok()).isTrue();
		return password;
	}

	/**
	 * Passwords of lengths around the minimum and the maximum, mixing ASCII, accented and
	 * other Unicode letters, digits, punctuation, spaces and emoji, and the username or
	 * e-mail address in various cases.
	 */
	private static List<String> generate(Random random, PasswordPolicy policy, String username, String email) {
		List<String> passwords = new ArrayList<>();
		for (String identity : List.of(username, email)) {
			passwords.add(identity);
			passwords.add(identity.toLowerCase(Locale.ROOT));
			passwords.add(identity.toUpperCase(Locale.ROOT));
			passwords.add(swapCase(identity));
			passwords.add(randomCase(random, identity));
			passwords.add(identity + "!");
			passwords.add(identity.substring(1));
		}
		while (passwords.size() < PASSWORDS_PER_POLICY) {
			String password = switch (random.nextInt(5)) {
				case 0 -> mix(random, around(random, policy.minLength()), 0.7);
				case 1 -> mix(random, around(random, policy.maxLength()), 0.7);
				case 2 -> mix(random, policy.minLength() + random.nextInt(8), 0.3);
				case 3 -> mix(random, 1 + random.nextInt(policy.minLength() + 4), 0.5);
				default -> nearlyCompliant(random, policy);
			};
			if (!password.isBlank()) {
				passwords.add(password);
			}
		}
		return passwords;
	}

	private static int around(Random random, int limit) {
		return Math.max(1, limit - 2 + random.nextInt(5));
	}

	// mostly ASCII (probability asciiShare), in chars: a character outside the BMP may
	// land one over the target length, which is one more case near a limit
	private static String mix(Random random, int length, double asciiShare) {
		StringBuilder password = new StringBuilder();
		while (password.length() < length) {
			if (random.nextDouble() < asciiShare) {
				String pool = switch (random.nextInt(4)) {
					case 0 -> LOWER;
					case 1 -> UPPER;
					case 2 -> DIGITS;
					default -> PUNCTUATION;
				};
				password.append(pool.charAt(random.nextInt(pool.length())));
			}
			else {
				password.append(UNUSUAL[random.nextInt(UNUSUAL.length)]);
			}
		}
		return password.toString();
	}

	// meets every count but one, or just meets them, so that each rule decides alone
	private static String nearlyCompliant(Random random, PasswordPolicy policy) {
		int[] counts = { policy.minLowercase(), policy.minUppercase(), policy.minDigits(), policy.minSpecialChars() };
		int missed = random.nextInt(counts.length + 1);
		if (missed < counts.length && counts[missed] > 0) {
			counts[missed]--;
		}
		String[] pools = { "éa", "ÉB", "7٣", "# " };
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < counts.length; i++) {
			for (int n = 0; n < counts[i]; n++) {
				password.append(pools[i].charAt(random.nextInt(2)));
			}
		}
		// filler that counts for no rule but length: letters without case
		int length = (random.nextBoolean()) ? around(random, policy.minLength()) : around(random, policy.maxLength());
		while (password.length() < length) {
			password.append(random.nextBoolean() ? '中' : 'ا');
		}
		List<Character> shuffled = new ArrayList<>();
		for (char c : password.toString().toCharArray()) {
			shuffled.add(c);
		}
		Collections.shuffle(shuffled, random);
		StringBuilder result = new StringBuilder();
		shuffled.forEach(result::append);
		return result.toString();
	}

	private static String swapCase(String text) {
		StringBuilder swapped = new StringBuilder();
		for (char c : text.toCharArray()) {
			swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
		}
		return swapped.toString();
	}

	private static String randomCase(Random random, String text) {
		StringBuilder mixed = new StringBuilder();
		for (char c : text.toCharArray()) {
			mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
		}
		return mixed.toString();
	}

	private static String describe(String password) {
		Map<String, String> parts = new LinkedHashMap<>();
		parts.put("text", password);
		parts.put("chars", String.valueOf(password.length()));
		parts.put("codes", password.chars().mapToObj((c) -> String.format("%04x", c)).toList().toString());
		return parts.toString();
	}

}
