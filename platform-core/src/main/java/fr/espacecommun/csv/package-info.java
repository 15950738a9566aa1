/**
 * CSV files the commune's staff upload (pre-provisioned accounts, service key registry):
 * checked from their bytes, read with a header row, every problem a French message key
 * with its line.
 */
@NullMarked
package fr.espacecommun.csv;

import org.jspecify.annotations.NullMarked;
