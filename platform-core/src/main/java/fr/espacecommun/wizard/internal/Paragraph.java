package fr.espacecommun.wizard.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A paragraph the citizen reads: the commune's own words from its file, or one of the
 * platform's sentences ({@code messages_fr.properties}) with its arguments.
 *
 * @param text the commune's words, or null for a platform sentence
 * @param code the sentence's message key, empty for the commune's words
 * @param args the sentence's arguments
 */
public record Paragraph(@Nullable String text, String code, List<Object> args) {

	public Paragraph {
		args = List.copyOf(args);
	}

	/** The commune's words. */
	public static Paragraph text(String text) {
		return new Paragraph(text, "", List.of());
	}

	/** One of the platform's sentences. */
	public static Paragraph message(String code, Object... args) {
		return new Paragraph(null, code, List.of(args));
	}

}
