package fr.espacecommun.csv;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A column an import expects.
 *
 * @param id what the column holds, for the code ({@code email},
 * {@code serviceKey.enfance})
 * @param name the header the page documents and the example file uses ({@code courriel})
 * @param required whether the file must have this column
 * @param aliases other headers accepted for it (labels, English names), compared without
 * case, accents, spaces or punctuation
 */
public record CsvColumn(String id, String name, boolean required, Set<String> aliases) {

	public CsvColumn {
		Set<String> all = new LinkedHashSet<>();
		all.add(normalise(name));
		aliases.forEach((alias) -> all.add(normalise(alias)));
		aliases = Set.copyOf(all);
	}

	/** Whether a header of the file names this column. */
	boolean matches(String header) {
		return this.aliases.contains(normalise(header));
	}

	/** "Prénom(s)" → "prenoms": how headers are compared. */
	public static String normalise(String header) {
		return Normalizer.normalize(header, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]", "");
	}

}
