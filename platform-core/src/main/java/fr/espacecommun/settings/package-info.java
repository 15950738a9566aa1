/**
 * Settings a commune's staff edit at run time (CGU, password policy, field rules): every
 * version kept in the platform schema and laid over the tenant files, so that the wizard
 * and the realm apply an edit at once and re-reading a file never undoes it.
 */
@NullMarked
package fr.espacecommun.settings;

import org.jspecify.annotations.NullMarked;
