package fr.espacecommun.tenant.internal;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * What SnakeYAML reports in English, said in French to the operator: its syntax problems,
 * and where in the file its limits (aliases, nesting) are crossed, which its exception
 * does not say.
 */
final class YamlProblems {

	// SnakeYAML's most frequent problems in a hand-written file, by the start of its text
	private static final Map<String, String> PROBLEMS = Map.ofEntries(
			Map.entry("mapping values are not allowed here",
					"« clé: valeur » inattendu ici : une valeur contenant « : » doit être entre guillemets, "
							+ "ou l'indentation de cette ligne est fausse"),
			Map.entry("could not find expected ':'",
					"« : » attendu après une clé ; vérifiez l'indentation ou fermez les guillemets"),
			Map.entry("found character '\\t(TAB)'", "tabulation trouvée : YAML s'indente avec des espaces"),
			Map.entry("found undefined alias", "alias (*nom) sans ancre (&nom) correspondante"),
			Map.entry("found unexpected end of stream",
					"fin de fichier inattendue : des guillemets ne sont pas fermés"),
			Map.entry("expected <block end>", "indentation incohérente : cette ligne n'est alignée sur aucun niveau"),
			Map.entry("did not find expected key", "clé attendue ici : l'indentation ou un « - » est faux"),
			Map.entry("did not find expected '-' indicator",
					"élément de liste attendu (« - ») : l'indentation de cette ligne est fausse"),
			Map.entry("found unexpected ':'", "« : » inattendu : mettez la valeur entre guillemets"),
			Map.entry("expected the node content",
					"valeur attendue : le fichier s'arrête ou passe à la suite au milieu d'une valeur"),
			Map.entry("found duplicate anchor", "l'ancre (&nom) est déclarée deux fois"));

	private YamlProblems() {
	}

	/** The problem in French, with SnakeYAML's own words after it for what it has not. */
	static String french(String problem, String context) {
		String text = (problem != null) ? problem : "";
		return PROBLEMS.entrySet()
			.stream()
			.filter((known) -> text.startsWith(known.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("erreur de syntaxe YAML (" + text + ((context != null) ? ", " + context : "") + ")");
	}

	/**
	 * Where the file first uses more aliases of lists or mappings, or nests deeper, than
	 * allowed: read as events, which expand no alias, so this costs one pass over a file
	 * already known to be within the size limit.
	 * @return where and which limit, or {@code null} when the events cross none
	 */
	static Crossed limitCrossed(String text, int maxAliases, int maxDepth) {
		LoaderOptions unbounded = new LoaderOptions();
		unbounded.setCodePointLimit(Math.max(text.length() + 1, 1));
		Set<String> collections = new HashSet<>();
		int aliases = 0;
		int depth = 0;
		try {
			for (Event event : new Yaml(unbounded).parse(new StringReader(text))) {
				if (event instanceof CollectionStartEvent start) {
					depth++;
					if (depth > maxDepth) {
						return new Crossed(event.getStartMark(), "plus de " + maxDepth + " niveaux d'imbrication");
					}
					if (start.getAnchor() != null) {
						collections.add(start.getAnchor());
					}
				}
				else if (event instanceof CollectionEndEvent) {
					depth--;
				}
				else if (event instanceof AliasEvent alias && collections.contains(alias.getAnchor())
						&& ++aliases > maxAliases) {
					return new Crossed(event.getStartMark(),
							"plus de " + maxAliases + " alias (*nom) de listes ou de tables");
				}
			}
		}
		catch (YAMLException ex) {
			return null;
		}
		return null;
	}

	/** A limit crossed: where, and what. */
	record Crossed(Mark mark, String what) {

	}

}
