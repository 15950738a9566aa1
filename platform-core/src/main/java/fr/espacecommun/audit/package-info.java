/**
 * Audit log: every action of a commune's staff, of an operator and of the platform on a
 * tenant, kept append-only in the tenant's schema and readable by its admins.
 */
@NullMarked
package fr.espacecommun.audit;

import org.jspecify.annotations.NullMarked;
