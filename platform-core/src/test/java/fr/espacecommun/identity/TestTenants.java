package fr.espacecommun.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Activation;
import fr.espacecommun.tenant.TenantDefinition.ActivationMode;
import fr.espacecommun.tenant.TenantDefinition.Branding;
import fr.espacecommun.tenant.TenantDefinition.Contact;
import fr.espacecommun.tenant.TenantDefinition.KeycloakPlacement;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;

/** Tenant definitions for tests, each with a realm name no other test uses. */
public final class TestTenants {

	static final PasswordPolicy VILLENNES_POLICY = new PasswordPolicy(12, 64, 1, 1, 1, 1, true, true);

	private static final AtomicInteger counter = new AtomicInteger();

	private TestTenants() {
	}

	static TenantDefinition villennes() {
		return commune("villennes", VILLENNES_POLICY, UsernameMode.EMAIL);
	}

	public static TenantDefinition commune(String name, PasswordPolicy policy, UsernameMode usernameMode) {
		String id = name + counter.incrementAndGet() + Long.toString(System.nanoTime() % 100000, 36);
		return withId(id, policy, usernameMode);
	}

	/**
	 * A Villennes-like commune whose tenant file would sit in this folder (its logo,
	 * {@code logo.svg}, is looked up there).
	 */
	static TenantDefinition villennesIn(Path folder) {
		String id = "villennes" + counter.incrementAndGet() + Long.toString(System.nanoTime() % 100000, 36);
		return withId(id, VILLENNES_POLICY, UsernameMode.EMAIL, folder.resolve(id + ".yaml"));
	}

	/** The same commune (same realm) with other password rules. */
	static TenantDefinition withPolicy(TenantDefinition tenant, PasswordPolicy policy) {
		return withId(tenant.id(), policy, tenant.usernameMode());
	}

	private static TenantDefinition withId(String id, PasswordPolicy policy, UsernameMode usernameMode) {
		return withId(id, policy, usernameMode, Path.of("tenants", id + ".yaml"));
	}

	private static TenantDefinition withId(String id, PasswordPolicy policy, UsernameMode usernameMode, Path source) {
		return new TenantDefinition(id, "Ville de Villennes-sur-Seine", "Espace Famille & Citoyen",
				List.of(id + ".localhost", id + ".espace-commun.fr"), new Branding("#1d4e89", "logo.svg", "Logo"),
				new Contact("mairie@villennes.fr", "01 39 08 00 00", "", "", "no-reply@villennes.fr", "Mairie"),
				new Terms("2024-01", "cgu/common.md", "# CGU", "0".repeat(64), false, true), policy, usernameMode,
				List.of(), Map.of(), List.of(new TenantDefinition.AccountType("personal", "Compte personnel")), null,
				List.of(), null, new Activation(ActivationMode.IMMEDIATE, null, 48, false),
				new KeycloakPlacement("default"), source);
	}

}
