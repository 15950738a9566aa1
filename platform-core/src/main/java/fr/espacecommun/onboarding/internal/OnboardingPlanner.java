package fr.espacecommun.onboarding.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.onboarding.OnboardingPlan;
import fr.espacecommun.onboarding.OnboardingPlan.Step;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantSchemaMigrator;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import jakarta.ws.rs.NotFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Computes a tenant's {@link OnboardingPlan} from the definition served so far (or, after
 * a restart, the registry's row) and the new one, and from whether its realm and schema
 * exist.
 */
class OnboardingPlanner {

	/** Covered by their own steps, or not part of what is applied. */
	private static final Set<String> NOT_SECTIONS = Set.of("id", "hosts", "keycloak", "passwordPolicy", "portalName",
			"usernameMode", "source");

	private final KeycloakClusters clusters;

	private final TenantSchemaMigrator schemas;

	OnboardingPlanner(KeycloakClusters clusters, TenantSchemaMigrator schemas) {
		this.clusters = clusters;
		this.schemas = schemas;
	}

	/**
	 * The plan.
	 * @param previous the definition served until now, {@code null} for a new tenant or
	 * at start-up
	 * @param stored the registry's row before this change, if any
	 * @param hash the new file's hash
	 * @param next the definition to apply
	 */
	OnboardingPlan plan(@Nullable TenantDefinition previous, @Nullable TenantRegistration stored, String hash,
			TenantDefinition next) {
		return plan(previous, stored, hash, next, realmExists(next), this.schemas.schemaExists(next.id()));
	}

	/** The plan, once known whether the realm and the schema exist. */
	static OnboardingPlan plan(@Nullable TenantDefinition previous, @Nullable TenantRegistration stored, String hash,
			TenantDefinition next, boolean realmExists, boolean schemaExists) {
		List<Step> steps = new ArrayList<>();
		String cluster = next.keycloak().cluster();
		if (!realmExists) {
			steps.add(new Step(OnboardingPlan.REALM_CREATE, next.realm()));
		}
		else if (previous != null) {
			realmSettings(previous, next, steps);
		}
		else if (stored != null && !hash.equals(stored.configHash())) {
			steps.add(new Step(OnboardingPlan.REALM_ALIGN, fileName(next.source())));
		}
		steps.add(new Step(schemaExists ? OnboardingPlan.SCHEMA_MIGRATE : OnboardingPlan.SCHEMA_CREATE,
				TenantSchemaMigrator.schemaName(next.id())));
		List<String> hostsBefore = (previous != null) ? previous.hosts()
				: (stored != null) ? stored.hosts() : List.of();
		next.hosts()
			.stream()
			.filter((host) -> !hostsBefore.contains(host))
			.forEach((host) -> steps.add(new Step(OnboardingPlan.HOST_ADD, host)));
		hostsBefore.stream()
			.filter((host) -> !next.hosts().contains(host))
			.forEach((host) -> steps.add(new Step(OnboardingPlan.HOST_REMOVE, host)));
		String clusterBefore = (previous != null) ? previous.keycloak().cluster()
				: (stored != null && !stored.keycloakCluster().isEmpty()) ? stored.keycloakCluster() : null;
		if (clusterBefore != null && !clusterBefore.equals(cluster)) {
			steps.add(new Step(OnboardingPlan.CLUSTER_CHANGE, clusterBefore + " → " + cluster));
		}
		if (previous != null) {
			List<String> sections = changedSections(previous, next);
			if (!sections.isEmpty()) {
				steps.add(new Step(OnboardingPlan.SECTIONS_CHANGE, String.join(", ", sections)));
			}
		}
		boolean unchanged = realmExists && stored != null && hash.equals(stored.configHash()) && steps.size() == 1
				&& steps.get(0).action().equals(OnboardingPlan.SCHEMA_MIGRATE);
		// a restart re-applying an unchanged file is no change to report
		return new OnboardingPlan(next.id(), unchanged ? List.of() : steps);
	}

	private static void realmSettings(TenantDefinition previous, TenantDefinition next, List<Step> steps) {
		if (!previous.portalName().equals(next.portalName())) {
			steps.add(new Step(OnboardingPlan.REALM_DISPLAY_NAME, previous.portalName() + " → " + next.portalName()));
		}
		List<String> rules = policyChanges(previous.passwordPolicy(), next.passwordPolicy());
		if (!rules.isEmpty()) {
			steps.add(new Step(OnboardingPlan.REALM_PASSWORD_POLICY, String.join(", ", rules)));
		}
		if (previous.usernameMode() != next.usernameMode()) {
			steps.add(
					new Step(OnboardingPlan.REALM_USERNAME_MODE, previous.usernameMode().name().toLowerCase(Locale.ROOT)
							+ " → " + next.usernameMode().name().toLowerCase(Locale.ROOT)));
		}
	}

	private static List<String> policyChanges(PasswordPolicy before, PasswordPolicy after) {
		List<String> changes = new ArrayList<>();
		for (var component : PasswordPolicy.class.getRecordComponents()) {
			Object was = read(component, before);
			Object now = read(component, after);
			if (!Objects.equals(was, now)) {
				changes.add(component.getName() + " " + was + " → " + now);
			}
		}
		return changes;
	}

	private static List<String> changedSections(TenantDefinition previous, TenantDefinition next) {
		List<String> sections = new ArrayList<>();
		for (var component : TenantDefinition.class.getRecordComponents()) {
			if (!NOT_SECTIONS.contains(component.getName())
					&& !Objects.equals(read(component, previous), read(component, next))) {
				sections.add(component.getName());
			}
		}
		return sections;
	}

	private static Object read(java.lang.reflect.RecordComponent component, Object record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read " + component.getName(), ex);
		}
	}

	private boolean realmExists(TenantDefinition tenant) {
		try {
			this.clusters.forTenant(tenant).realm(tenant.realm()).toRepresentation();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	private static String fileName(Path source) {
		return source.getFileName().toString();
	}

}
