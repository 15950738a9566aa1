package fr.espacecommun.onboarding;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;

/**
 * Creates, for a local run, one tenant admin per commune and one platform operator with
 * freshly generated passwords, so that a developer can sign in at once. Never used
 * against an external Keycloak.
 */
public class LocalAccounts {

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String DIGITS = "23456789";

	private static final String SPECIAL = "-_.!?";

	private final SecureRandom random = new SecureRandom();

	private final TenantCatalog catalog;

	private final RealmProvisioner provisioner;

	public LocalAccounts(TenantCatalog catalog, RealmProvisioner provisioner) {
		this.catalog = catalog;
		this.provisioner = provisioner;
	}

	/**
	 * Creates the accounts and returns them, passwords included, for the start-up banner.
	 */
	public List<Account> create() {
		List<Account> accounts = new ArrayList<>();
		for (TenantDefinition tenant : this.catalog.all()) {
			String email = "admin@" + tenant.id() + ".localhost";
			// where the e-mail is the username (CCVE), the realm signs people in by
			// e-mail
			String username = (tenant.usernameMode() == UsernameMode.EMAIL) ? email : "admin-" + tenant.id();
			String password = generatePassword();
			this.provisioner.ensureUser(tenant, username, email, "Admin", tenant.name(), password, "tenant-admin");
			accounts.add(new Account(tenant.id(), username, password));
		}
		String password = generatePassword();
		this.provisioner.ensurePlatformUser("operator", "operator@platform.localhost", "Operator", "Platform", password,
				"operator");
		accounts.add(new Account("platform", "operator", password));
		return accounts;
	}

	/**
	 * 20 characters drawn from every class, so they satisfy any tenant policy (at most a
	 * few of each class are required).
	 */
	String generatePassword() {
		List<Character> chars = new ArrayList<>();
		String all = LOWER + UPPER + DIGITS + SPECIAL;
		for (String set : List.of(LOWER, UPPER, DIGITS, SPECIAL, LOWER, UPPER, DIGITS, SPECIAL)) {
			chars.add(pick(set));
		}
		while (chars.size() < 20) {
			chars.add(pick(all));
		}
		Collections.shuffle(chars, this.random);
		StringBuilder password = new StringBuilder();
		chars.forEach(password::append);
		return password.toString();
	}

	private char pick(String set) {
		return set.charAt(this.random.nextInt(set.length()));
	}

	/**
	 * An account created for a local run.
	 *
	 * @param realm the realm ({@code platform} for the operator)
	 * @param username the username
	 * @param password the generated password
	 */
	public record Account(String realm, String username, String password) {
	}

}
