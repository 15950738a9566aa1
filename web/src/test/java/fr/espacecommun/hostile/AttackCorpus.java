package fr.espacecommun.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile values of {@code hostile/attack-corpus.txt} (documented in the file), each
 * with what the platform must do with it.
 */
final class AttackCorpus {

	private static final Pattern REPEAT = Pattern.compile("\\{repeat:(\\d+):([^}]*)\\}");

	private static final List<Attack> ALL = load();

	private AttackCorpus() {
	}

	/** Every attack of the corpus. */
	static List<Attack> all() {
		return ALL;
	}

	/**
	 * Whether the page's raw HTML carries the value as markup: an opening tag, or a quote
	 * closing an attribute, sent back unescaped.
	 */
	static boolean reflectedAsMarkup(String html, String value) {
		boolean markup = value.contains("<") || value.contains("\"");
		return (markup && html.contains(value)) || html.contains("<script>alert") || html.contains("<img src=x")
				|| html.contains("<svg/onload") || html.contains("href=\"javascript:")
				|| html.contains("onfocus='alert");
	}

	private static List<Attack> load() {
		try (InputStream in = AttackCorpus.class.getResourceAsStream("/hostile/attack-corpus.txt")) {
			List<Attack> attacks = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\t", 3);
				attacks.add(new Attack(parts[0], Expectation.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT)),
						unescape(expand(parts[2]))));
			}
			return List.copyOf(attacks);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String expand(String value) {
		Matcher matcher = REPEAT.matcher(value);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out,
					Matcher.quoteReplacement(matcher.group(2).repeat(Integer.parseInt(matcher.group(1)))));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String unescape(String value) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '\\' || i + 1 == value.length()) {
				out.append(c);
				continue;
			}
			char next = value.charAt(++i);
			switch (next) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case '0' -> out.append('\0');
				case '\\' -> out.append('\\');
				case 'u' -> {
					out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> out.append('\\').append(next);
			}
		}
		return out.toString();
	}

	/** What the platform must do with an attack. */
	enum Expectation {

		/** Accepted or refused, never a 500 nor markup sent back. */
		ANY,
		/** Refused: characters not allowed. */
		CONTROL,
		/** Refused: over the field's maximum length. */
		LONG

	}

	/**
	 * One hostile value.
	 *
	 * @param name its name in the corpus
	 * @param expectation what the platform must do with it
	 * @param value the value typed
	 */
	record Attack(String name, Expectation expectation, String value) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
