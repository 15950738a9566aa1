package fr.espacecommun.accountimport.internal;

/**
 * A column of the file, for the page that documents it.
 *
 * @param name the header
 * @param label what it holds, in the commune's words
 * @param required whether every line must fill it
 * @param serviceKey whether it is a service key
 * @param example an example value, empty if none
 */
public record ColumnDoc(String name, String label, boolean required, boolean serviceKey, String example) {
}
