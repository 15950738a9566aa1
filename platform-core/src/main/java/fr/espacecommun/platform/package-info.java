/**
 * Platform operations on tenants: suspending and resuming a commune.
 */
@NullMarked
package fr.espacecommun.platform;

import org.jspecify.annotations.NullMarked;
