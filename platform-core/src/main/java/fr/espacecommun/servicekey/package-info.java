/**
 * The commune's service key registry: the keys its back office issued ("clé Enfance"),
 * imported from CSV by staff, and which of them a citizen's account has linked.
 */
@NullMarked
package fr.espacecommun.servicekey;

import org.jspecify.annotations.NullMarked;
