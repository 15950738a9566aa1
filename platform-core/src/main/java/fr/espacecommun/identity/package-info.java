/**
 * Identity: one Keycloak realm per commune, provisioned and kept in shape through the
 * Keycloak Admin Client.
 */
@NullMarked
package fr.espacecommun.identity;

import org.jspecify.annotations.NullMarked;
