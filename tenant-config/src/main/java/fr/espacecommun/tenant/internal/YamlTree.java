package fr.espacecommun.tenant.internal;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.espacecommun.tenant.TenantConfigError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant file read with SnakeYAML's node API and turned into a Jackson tree, keeping
 * where each value and key starts so schema errors (JSON pointers) can be reported as
 * line:column.
 */
final class YamlTree {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/**
	 * Far deeper than any tenant file; keeps a hostile file from exhausting the stack.
	 */
	private static final int MAX_DEPTH = 64;

	/** Aliases of mappings or lists in one file. */
	private static final int MAX_ALIASES = 20;

	/**
	 * Values in the whole tree once aliases are expanded: the largest commune's file has
	 * about 600. A few aliases nested in each other ("billion laughs") expand to
	 * millions; conversion stops at this budget, whatever the file's alias count.
	 */
	static final int MAX_NODES = 20_000;

	private final JsonNode root;

	private final Map<String, Mark> values;

	private final Map<String, Mark> keys;

	private YamlTree(JsonNode root, Map<String, Mark> values, Map<String, Mark> keys) {
		this.root = root;
		this.values = values;
		this.keys = keys;
	}

	/**
	 * Parses the text; syntax errors and duplicate keys are added to {@code errors} and
	 * {@code null} is returned.
	 */
	static YamlTree parse(Path file, String text, List<TenantConfigError> errors) {
		Node node;
		try {
			node = new Yaml(new SafeConstructor(loaderOptions())).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			errors.add(error(file, mark, "yaml.syntax", YamlProblems.french(ex.getProblem(), ex.getContext())));
			return null;
		}
		catch (YAMLException ex) {
			// SnakeYAML's limits (aliases, nesting) carry no position: the tokens, which
			// expand nothing, tell where the limit is crossed
			YamlProblems.Crossed crossed = YamlProblems.limitCrossed(text, MAX_ALIASES, MAX_DEPTH);
			errors.add(error(file, (crossed != null) ? crossed.mark() : null, "yaml.limit",
					"le fichier dépasse une limite de lecture ("
							+ ((crossed != null) ? crossed.what()
									: "au plus " + MAX_ALIASES + " alias de listes ou de tables, " + MAX_DEPTH
											+ " niveaux d'imbrication")
							+ ") : un fichier de commune n'en a pas besoin"));
			return null;
		}
		if (node == null) {
			errors.add(new TenantConfigError(file, 1, 1, "yaml.empty", "le fichier ne contient aucun document YAML"));
			return null;
		}
		Converter converter = new Converter(file, errors);
		JsonNode root = converter.convert(node, "");
		return errors.isEmpty() ? new YamlTree(root, converter.values, converter.keys) : null;
	}

	/**
	 * SnakeYAML's own limits, below its defaults: a tenant file has no use for aliases of
	 * collections beyond a few, nor for deep nesting.
	 */
	private static LoaderOptions loaderOptions() {
		LoaderOptions options = new LoaderOptions();
		options.setCodePointLimit(TenantFileReader.MAX_BYTES);
		options.setMaxAliasesForCollections(MAX_ALIASES);
		options.setNestingDepthLimit(MAX_DEPTH);
		options.setAllowRecursiveKeys(false);
		options.setAllowDuplicateKeys(true);
		return options;
	}

	JsonNode root() {
		return this.root;
	}

	/**
	 * Where the value at this JSON pointer starts (the nearest known ancestor if absent).
	 */
	Position valueAt(String pointer) {
		String current = pointer;
		while (!this.values.containsKey(current) && !current.isEmpty()) {
			current = current.substring(0, current.lastIndexOf('/'));
		}
		return Position.of(this.values.get(current));
	}

	/** Where the key naming the value at this JSON pointer starts. */
	Position keyAt(String pointer) {
		Mark mark = this.keys.get(pointer);
		return (mark != null) ? Position.of(mark) : valueAt(pointer);
	}

	static String pointer(String parent, Object child) {
		return parent + "/" + child.toString().replace("~", "~0").replace("/", "~1");
	}

	private static TenantConfigError error(Path file, Mark mark, String rule, String message) {
		Position position = Position.of(mark);
		return new TenantConfigError(file, position.line(), position.column(), rule, message);
	}

	/** A 1-based line and column. */
	record Position(int line, int column) {

		static Position of(Mark mark) {
			return (mark != null) ? new Position(mark.getLine() + 1, mark.getColumn() + 1) : new Position(1, 1);
		}

		TenantConfigError error(Path file, String rule, String message) {
			return new TenantConfigError(file, this.line, this.column, rule, message);
		}

	}

	private static final class Converter {

		private final Path file;

		private final List<TenantConfigError> errors;

		private final Map<String, Mark> values = new HashMap<>();

		private final Map<String, Mark> keys = new HashMap<>();

		// values converted so far, aliases counted each time they are expanded
		private int count;

		// the nodes from the root to the one being converted: an alias to one of them
		// ("&a [*a]") would recurse for ever
		private final Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());

		Converter(Path file, List<TenantConfigError> errors) {
			this.file = file;
			this.errors = errors;
		}

		JsonNode convert(Node node, String pointer) {
			if (++this.count > MAX_NODES) {
				if (this.count == MAX_NODES + 1) {
					this.errors.add(error(this.file, node.getStartMark(), "yaml.too-many-nodes",
							"une fois les alias (*nom) développés, le fichier compte plus de " + MAX_NODES
									+ " valeurs : un alias répété ou imbriqué en est la cause"));
				}
				return NODES.nullNode();
			}
			this.values.put(pointer, node.getStartMark());
			if (node instanceof ScalarNode scalar) {
				return scalar(scalar);
			}
			if (this.path.size() >= MAX_DEPTH || !this.path.add(node)) {
				this.errors.add(error(this.file, node.getStartMark(), "yaml.recursive",
						"une valeur se contient elle-même (alias récursif) ou est imbriquée trop profondément"));
				return NODES.nullNode();
			}
			try {
				if (node instanceof MappingNode mapping) {
					return object(mapping, pointer);
				}
				ArrayNode array = NODES.arrayNode();
				List<Node> items = ((SequenceNode) node).getValue();
				for (int i = 0; i < items.size() && this.errors.isEmpty(); i++) {
					array.add(convert(items.get(i), pointer(pointer, i)));
				}
				return array;
			}
			finally {
				this.path.remove(node);
			}
		}

		private ObjectNode object(MappingNode mapping, String pointer) {
			ObjectNode object = NODES.objectNode();
			for (NodeTuple tuple : mapping.getValue()) {
				if (this.count > MAX_NODES) {
					break;
				}
				// Keys are always read as text: the schema decides what they may be.
				String key = (tuple.getKeyNode() instanceof ScalarNode scalar) ? scalar.getValue()
						: tuple.getKeyNode().toString();
				String child = pointer(pointer, key);
				if (object.has(key)) {
					// SnakeYAML's composer keeps the last duplicate silently; an operator
					// would never know which value is served.
					this.errors.add(error(this.file, tuple.getKeyNode().getStartMark(), "yaml.duplicate-key",
							"la clé '" + key + "' figure deux fois au même niveau"));
					continue;
				}
				this.keys.put(child, tuple.getKeyNode().getStartMark());
				object.set(key, convert(tuple.getValueNode(), child));
			}
			return object;
		}

		private JsonNode scalar(ScalarNode scalar) {
			String value = scalar.getValue();
			Tag tag = scalar.getTag();
			try {
				if (Tag.INT.equals(tag)) {
					return NODES.numberNode(new BigInteger(value.replace("_", "")));
				}
				if (Tag.FLOAT.equals(tag)) {
					return NODES.numberNode(Double.parseDouble(value.replace("_", "")));
				}
			}
			catch (NumberFormatException ex) {
				// Hex, octal or sexagesimal forms: left as text, the schema then refuses
				// them.
				return NODES.stringNode(value);
			}
			if (Tag.BOOL.equals(tag)) {
				return NODES.booleanNode(List.of("true", "yes", "on", "y").contains(value.toLowerCase()));
			}
			if (Tag.NULL.equals(tag)) {
				return NODES.nullNode();
			}
			return NODES.stringNode(value);
		}

	}

}
