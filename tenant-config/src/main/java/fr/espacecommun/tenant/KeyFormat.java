package fr.espacecommun.tenant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The format of a service key, as a tenant file declares it
 * ({@code serviceKeys[].pattern}), run by RE2/J: matching takes time linear in the input
 * whatever the pattern ({@code ^([0-9A-Z]+-?){1,20}$} included), so no tenant file can
 * make a citizen's or a staff member's input hang a CPU. Inputs longer than
 * {@link #MAX_INPUT_LENGTH} never match. Every place that matches a key (validation,
 * wizard, Mon espace, activation, CSV import, key registry) goes through this class.
 */
public final class KeyFormat {

	/** The longest key any form accepts (the wizard's service-key field). */
	public static final int MAX_INPUT_LENGTH = 50;

	/** The longest pattern a tenant file may declare. */
	public static final int MAX_PATTERN_LENGTH = 200;

	// compiled formats by source: a tenant file declares a handful, so 256 bounds it
	// however many reloads or files come and go
	private static final Map<String, KeyFormat> COMPILED = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, KeyFormat> eldest) {
			return size() > 256;
		}
	};

	private final String source;

	private final Pattern pattern;

	private KeyFormat(String source, Pattern pattern) {
		this.source = source;
		this.pattern = pattern;
	}

	/**
	 * The compiled format.
	 * @param source the pattern as the tenant file declares it
	 * @return the format
	 * @throws IllegalArgumentException when RE2/J cannot compile it (a back-reference, a
	 * look-around, a syntax error) or it is too long; the message says why, in French
	 */
	public static KeyFormat of(String source) {
		synchronized (COMPILED) {
			KeyFormat cached = COMPILED.get(source);
			if (cached != null) {
				return cached;
			}
		}
		KeyFormat format = new KeyFormat(source, compile(source));
		synchronized (COMPILED) {
			COMPILED.put(source, format);
		}
		return format;
	}

	/**
	 * Why this pattern cannot be a key format, in French; empty when it can.
	 * @param source the pattern
	 * @return the reason, if any
	 */
	public static Optional<String> problem(String source) {
		try {
			of(source);
			return Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	// RE2/J's descriptions, in French for the operator
	private static final Map<String, String> SYNTAX = Map.of("invalid escape sequence",
			"séquence d'échappement invalide (RE2 ne connaît pas les références arrière \\1)", "missing closing ]",
			"« ] » manquant", "missing closing )", "« ) » manquante", "invalid character class range",
			"intervalle de caractères invalide", "invalid repeat count",
			"nombre de répétitions invalide (1000 au plus)", "invalid nested repetition operator",
			"répétition de répétition invalide", "invalid or unsupported Perl syntax",
			"syntaxe non prise en charge (les lookaheads « (?= » et « (?! » n'existent pas en RE2)",
			"missing argument to repetition operator", "répétition sans rien à répéter", "invalid named capture",
			"groupe nommé invalide");

	private static Pattern compile(String source) {
		if (source.length() > MAX_PATTERN_LENGTH) {
			throw new IllegalArgumentException(
					"le motif dépasse " + MAX_PATTERN_LENGTH + " caractères (" + source.length() + ")");
		}
		try {
			return Pattern.compile(source);
		}
		catch (PatternSyntaxException ex) {
			// RE2 has no back-references nor look-arounds: what could backtrack is
			// refused here rather than run
			throw new IllegalArgumentException("ce n'est pas une expression régulière RE2 valide : "
					+ SYNTAX.getOrDefault(ex.getDescription(), ex.getDescription()), ex);
		}
	}

	/**
	 * Whether the whole input matches; an input over {@link #MAX_INPUT_LENGTH} characters
	 * never does.
	 * @param input what was typed (already normalised)
	 * @return whether it is a key of this format
	 */
	public boolean matches(String input) {
		return input.length() <= MAX_INPUT_LENGTH && this.pattern.matches(input);
	}

	/** The pattern as declared. */
	public String source() {
		return this.source;
	}

	@Override
	public String toString() {
		return this.source;
	}

}
