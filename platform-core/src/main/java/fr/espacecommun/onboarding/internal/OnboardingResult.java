package fr.espacecommun.onboarding.internal;

import java.time.Duration;
import java.util.List;

/**
 * What onboarding one tenant did.
 *
 * @param tenantId the tenant
 * @param schema time to migrate its schema
 * @param realm time to provision its realm
 * @param realmChanges what was changed in an existing realm
 */
public record OnboardingResult(String tenantId, Duration schema, Duration realm, List<String> realmChanges) {

	public OnboardingResult {
		realmChanges = List.copyOf(realmChanges);
	}

	/** Total time. */
	public Duration total() {
		return this.schema.plus(this.realm);
	}

}
