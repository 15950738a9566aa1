package fr.espacecommun.tenancy;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The tenant the current thread works for; set once per request (or background task) and
 * cleared in a {@code finally} block.
 */
public final class TenantContext {

	/** The MDC key under which the tenant id appears in every log line. */
	public static final String MDC_KEY = "tenant";

	/** Tenant ids name a PostgreSQL schema ({@code t_<id>}, 63 bytes at most). */
	private static final Pattern TENANT_ID = Pattern.compile("[a-z][a-z0-9_]{0,60}");

	private static final ThreadLocal<String> current = new ThreadLocal<>();

	private TenantContext() {
	}

	/**
	 * Sets the current thread's tenant.
	 * @param tenantId a valid tenant id
	 * @throws IllegalStateException if a tenant is already set: it must be cleared first
	 * @throws IllegalArgumentException if the id is not a valid tenant id
	 */
	public static void set(String tenantId) {
		requireValidId(tenantId);
		String existing = current.get();
		if (existing != null) {
			throw new IllegalStateException("Tenant '" + existing + "' is already set on this thread; clear it before "
					+ "setting '" + tenantId + "'");
		}
		current.set(tenantId);
		MDC.put(MDC_KEY, tenantId);
	}

	/** The current thread's tenant, if one is set. */
	public static Optional<String> getTenantId() {
		return Optional.ofNullable(current.get());
	}

	/**
	 * The current thread's tenant.
	 * @throws IllegalStateException if no tenant is set
	 */
	public static String getRequiredTenantId() {
		String tenantId = current.get();
		if (tenantId == null) {
			throw new IllegalStateException("No tenant set on this thread: tenant data can only be used within a "
					+ "request for a commune's host or inside TenantContext.callAs/runAs");
		}
		return tenantId;
	}

	/** Forgets the current thread's tenant. */
	public static void clear() {
		current.remove();
		MDC.remove(MDC_KEY);
	}

	/**
	 * Runs work for a tenant, then restores whatever tenant (or none) was set before.
	 * Meant for scheduled jobs, event listeners and operators acting on a commune.
	 * @param <T> the result type
	 * @param tenantId a valid tenant id
	 * @param work the work
	 * @return the work's result
	 * @throws Exception what the work throws
	 */
	public static <T> T callAs(String tenantId, Callable<T> work) throws Exception {
		requireValidId(tenantId);
		String previous = current.get();
		current.set(tenantId);
		MDC.put(MDC_KEY, tenantId);
		try {
			return work.call();
		}
		finally {
			if (previous != null) {
				current.set(previous);
				MDC.put(MDC_KEY, previous);
			}
			else {
				clear();
			}
		}
	}

	/**
	 * Runs work for a tenant, then restores whatever tenant (or none) was set before.
	 * @param tenantId a valid tenant id
	 * @param work the work
	 */
	public static void runAs(String tenantId, Runnable work) {
		try {
			callAs(tenantId, () -> {
				work.run();
				return null;
			});
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// a Runnable throws no checked exception
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether the text is a valid tenant id: {@code [a-z][a-z0-9_]*}, 61 characters at
	 * most.
	 */
	public static boolean isValidId(String tenantId) {
		return tenantId != null && TENANT_ID.matcher(tenantId).matches();
	}

	public static String requireValidId(String tenantId) {
		if (!isValidId(tenantId)) {
			throw new IllegalArgumentException("Invalid tenant id '" + tenantId
					+ "': expected a lower-case letter, then lower-case letters, digits or '_' (61 at most)");
		}
		return tenantId;
	}

}
