package fr.espacecommun.identity;

/**
 * Keycloak's brute-force protection as every realm of the platform has it: the
 * "restriction d'accès au compte" that lets the CNIL accept 50 bits of entropy instead of
 * 80.
 *
 * @param failures failed logins after which the account is locked for a while
 * @param waitIncrementSeconds how much longer the lock lasts at each further failure
 * @param maxWaitSeconds the longest lock
 * @param resetSeconds time without failure after which the count starts again
 */
public record LoginThrottling(int failures, int waitIncrementSeconds, int maxWaitSeconds, int resetSeconds) {

	/**
	 * Temporary lockout after 5 failures, one minute longer at each further failure up to
	 * 15 minutes; the count resets after 12 hours without failure.
	 */
	public static final LoginThrottling REALMS = new LoginThrottling(5, 60, 900, 43200);

}
