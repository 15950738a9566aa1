package fr.espacecommun.onboarding.internal;

import fr.espacecommun.onboarding.OnboardingPlan;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's file names a new cluster that does not hold its realm yet. A commune moved
 * to another cluster keeps its citizens only if its realm was imported there first:
 * creating an empty realm instead would sign none of them in, and the import would then
 * collide with it.
 */
final class RealmNotMovedException extends IllegalStateException {

	private RealmNotMovedException(String message) {
		super(message);
	}

	/** Refuses a plan that would create the realm on a cluster other than its own. */
	static void refuseEmptyRealmOnNewCluster(TenantDefinition tenant, @Nullable String servedFrom,
			OnboardingPlan plan) {
		String target = tenant.keycloak().cluster();
		boolean realmMissing = plan.steps()
			.stream()
			.anyMatch((step) -> step.action().equals(OnboardingPlan.REALM_CREATE));
		if (servedFrom != null && !servedFrom.equals(target) && realmMissing) {
			throw new RealmNotMovedException("le royaume " + tenant.realm() + " n'est pas sur le cluster Keycloak '"
					+ target + "' : importez-le d'abord (kc.sh export sur '" + servedFrom + "', puis import sur '"
					+ target + "'), ou remettez cluster: " + servedFrom + " dans le fichier ; rien n'a été créé");
		}
	}

}
