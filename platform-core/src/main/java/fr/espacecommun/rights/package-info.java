/**
 * Citizens' data rights (RGPD) for a commune's staff: find a citizen of the commune's
 * realm, export everything the platform holds about them, erase them.
 */
@NullMarked
package fr.espacecommun.rights;

import org.jspecify.annotations.NullMarked;
