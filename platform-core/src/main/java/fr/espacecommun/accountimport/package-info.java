/**
 * Staff imports of pre-provisioned accounts (Vélizy, Villennes' former Portail Famille
 * users): a CSV file previewed line by line, then each valid line created in the
 * background through the activation feature's pre-provisioning, once per e-mail.
 */
@NullMarked
package fr.espacecommun.accountimport;

import org.jspecify.annotations.NullMarked;
