package fr.espacecommun.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What applying a tenant's new or changed file creates or changes (realm, schema, hosts,
 * cluster, sections of the file), computed before it is applied: logged, then stored in
 * the registry once applied so that operators see it on {@code /platform}.
 *
 * @param tenantId the tenant
 * @param steps the steps, in the order they are applied
 */
public record OnboardingPlan(String tenantId, List<Step> steps) {

	/** Realm to create on the tenant's cluster; detail: the realm. */
	public static final String REALM_CREATE = "realm.create";

	/** Realm display name changed; detail: {@code before → after}. */
	public static final String REALM_DISPLAY_NAME = "realm.display-name";

	/**
	 * Realm password policy changed; detail: the rules changed, {@code before → after}.
	 */
	public static final String REALM_PASSWORD_POLICY = "realm.password-policy";

	/**
	 * Realm sign-in by chosen username or e-mail changed; detail: {@code before → after}.
	 */
	public static final String REALM_USERNAME_MODE = "realm.username-mode";

	/** Realm aligned with a file changed while the platform was stopped; detail: file. */
	public static final String REALM_ALIGN = "realm.align";

	/** Schema to create; detail: the schema. */
	public static final String SCHEMA_CREATE = "schema.create";

	/** Schema brought up to date (no-op when already so); detail: the schema. */
	public static final String SCHEMA_MIGRATE = "schema.migrate";

	/** Host added; detail: the host. */
	public static final String HOST_ADD = "host.add";

	/** Host removed; detail: the host. */
	public static final String HOST_REMOVE = "host.remove";

	/** Keycloak cluster changed; detail: {@code before → after}. */
	public static final String CLUSTER_CHANGE = "cluster.change";

	/** Other sections of the file changed; detail: their YAML keys. */
	public static final String SECTIONS_CHANGE = "sections.change";

	public OnboardingPlan {
		steps = List.copyOf(steps);
	}

	/** Whether applying the file changes nothing. */
	public boolean isEmpty() {
		return this.steps.isEmpty();
	}

	/** The plan as stored in the registry: one {@code action TAB detail} per line. */
	public String encode() {
		return this.steps.stream()
			.map((step) -> step.action() + "\t" + step.detail())
			.collect(Collectors.joining("\n"));
	}

	/**
	 * The steps of a plan stored by {@link #encode()}.
	 * @param encoded the stored text, or {@code null}
	 */
	public static List<Step> decode(String encoded) {
		List<Step> steps = new ArrayList<>();
		if (encoded == null || encoded.isBlank()) {
			return steps;
		}
		for (String line : encoded.split("\n")) {
			int tab = line.indexOf('\t');
			steps.add((tab < 0) ? new Step(line, "") : new Step(line.substring(0, tab), line.substring(tab + 1)));
		}
		return steps;
	}

	/** The plan for a log line, in English. */
	public String describe() {
		if (this.steps.isEmpty()) {
			return "nothing to change";
		}
		return this.steps.stream().map((step) -> step.action() + " " + step.detail()).collect(Collectors.joining("; "));
	}

	/**
	 * One step of a plan.
	 *
	 * @param action what is done, one of this record's constants
	 * @param detail to what, on one line (values are never personal data)
	 */
	public record Step(String action, String detail) {

		public Step {
			// one step per line in the registry
			detail = detail.replaceAll("[\\t\\r\\n]+", " ");
		}

	}

}
