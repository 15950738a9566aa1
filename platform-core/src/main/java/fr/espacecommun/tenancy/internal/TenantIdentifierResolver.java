package fr.espacecommun.tenancy.internal;

import fr.espacecommun.tenancy.TenantContext;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate the tenant of a new session: the thread's {@link TenantContext}, or
 * {@link #NO_TENANT} (schema {@code platform}) when none is set.
 */
class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<String> {

	/**
	 * Hibernate needs an identifier for every session; this one is not a valid tenant id,
	 * so no commune can ever be mistaken for it.
	 */
	static final String NO_TENANT = "_platform";

	@Override
	public String resolveCurrentTenantIdentifier() {
		return TenantContext.getTenantId().orElse(NO_TENANT);
	}

	@Override
	public boolean validateExistingCurrentSessions() {
		return true;
	}

}
