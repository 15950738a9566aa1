/** Keeping pages honest while a part the platform needs (PostgreSQL) is down. */
@NullMarked
package fr.espacecommun.availability;

import org.jspecify.annotations.NullMarked;
