package fr.espacecommun.admin.web;

/**
 * One error of a staff form, as the summary at the top of the page lists it.
 *
 * @param href the anchor of the field it concerns ({@code #champ-minLength})
 * @param message the French sentence
 */
record FormError(String href, String message) {
}
