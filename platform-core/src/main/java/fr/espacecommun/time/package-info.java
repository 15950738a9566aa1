/**
 * The platform's clock: one {@code java.time.Clock} bean that tests replace with their
 * own.
 */
@NullMarked
package fr.espacecommun.time;

import org.jspecify.annotations.NullMarked;
