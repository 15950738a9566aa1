package fr.espacecommun.csv;

import java.util.List;

/**
 * Why a file or a row was refused, for people: a key of {@code messages_fr.properties}
 * and its arguments, turned into a French sentence by the page that shows it.
 *
 * @param key the message key ({@code csv.error.encoding}, {@code wizard.error.email})
 * @param args the message arguments
 */
public record Reason(String key, List<Object> args) {

	public Reason {
		args = List.copyOf(args);
	}

	/** A reason with these arguments. */
	public static Reason of(String key, Object... args) {
		return new Reason(key, List.of(args));
	}

}
