package fr.espacecommun.tenancy.internal;

/**
 * The schema of the platform's shared tables (registry, setting versions, outbox record,
 * locks, sessions). Entities of those tables name it once, in their mapping
 * ({@code @Table(schema = PlatformSchema.NAME)}), so they are reached from any session, a
 * tenant's included; no SQL string names it.
 */
public final class PlatformSchema {

	/** The shared schema's name. */
	public static final String NAME = "platform";

	private PlatformSchema() {
	}

}
