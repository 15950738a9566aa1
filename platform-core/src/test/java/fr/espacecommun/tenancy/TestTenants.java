package fr.espacecommun.tenancy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.KeycloakPlacement;

/** Tenant definitions for persistence tests, which only need an id, a name and hosts. */
final class TestTenants {

	private static final AtomicInteger sequence = new AtomicInteger();

	private TestTenants() {
	}

	static TenantDefinition definition(String id) {
		return new TenantDefinition(id, "Ville de " + id, "Espace Citoyen", List.of(id + ".localhost"), null, null,
				null, null, TenantDefinition.UsernameMode.EMAIL, List.of(), Map.of(), List.of(), null, List.of(), null,
				null, new KeycloakPlacement("default"), Path.of("tenants", id + ".yaml"));
	}

	/** A tenant id no other test of this JVM uses, so its schema starts absent. */
	static String freshId(String prefix) {
		return prefix + "_" + ProcessHandle.current().pid() + "_" + sequence.incrementAndGet();
	}

}
