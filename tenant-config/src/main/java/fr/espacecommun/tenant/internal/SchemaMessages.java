package fr.espacecommun.tenant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.JsonNode;

/**
 * The French sentence an operator reads for a schema error: what is wrong, what the
 * schema expects, the value found, and for a misspelt key or value the known name it is
 * closest to ("vouliez-vous dire 'credentials' ?"). A pattern's own explanation is
 * declared beside it in the schema ({@code "message": {"pattern": "…"}}).
 */
final class SchemaMessages {

	private static final Map<String, String> TYPES = Map.of("string", "un texte", "integer", "un nombre entier",
			"number", "un nombre", "boolean", "true ou false", "object", "une table de clés (clé: valeur)", "array",
			"une liste (lignes commençant par « - »)", "null", "une valeur vide");

	private SchemaMessages() {
	}

	/**
	 * @param error the library's error
	 * @param schema the schema's own tree, to name the keys and values it allows
	 */
	static String of(Error error, JsonNode schema) {
		JsonNode value = error.getInstanceNode();
		String found = (value != null && value.isValueNode()) ? value.asString() : null;
		if (error.isCustomMessage()) {
			return error.getMessage() + found(found);
		}
		Object[] args = (error.getArguments() != null) ? error.getArguments() : new Object[0];
		NodePath location = error.getSchemaLocation().getFragment();
		return switch (error.getKeyword()) {
			case "additionalProperties" -> unknownKey(error.getProperty(), at(schema, location, true));
			case "required" -> "la clé obligatoire '" + error.getProperty() + "' manque";
			case "type" -> TYPES.getOrDefault(arg(args, 1), arg(args, 1)) + " est attendu ici, pas "
					+ TYPES.getOrDefault(arg(args, 0), arg(args, 0)) + found(found);
			case "enum" -> unknownValue(found, at(schema, location, false));
			case "pattern" -> "la valeur n'a pas la forme attendue" + found(found);
			case "minimum" -> "la valeur doit être au moins " + arg(args, 0) + found(found);
			case "maximum" -> "la valeur doit être au plus " + arg(args, 0) + found(found);
			case "minLength" -> "le texte doit compter au moins " + characters(arg(args, 0)) + found(found);
			case "maxLength" -> "le texte doit compter au plus " + characters(arg(args, 0)) + " (il en compte "
					+ ((found != null) ? found.codePointCount(0, found.length()) : "plus") + ")";
			case "minItems" -> "la liste doit compter au moins " + arg(args, 0) + " élément(s)";
			case "maxItems" -> "la liste doit compter au plus " + arg(args, 0) + " élément(s)";
			case "uniqueItems" -> "la liste contient deux fois la même valeur";
			default -> error.getMessage() + found(found);
		};
	}

	private static String unknownKey(String key, JsonNode owner) {
		List<String> known = new ArrayList<>(owner.path("properties").propertyNames());
		return "la clé '" + key + "' n'existe pas à cet endroit"
				+ Suggestions.closest(key, known)
					.map((close) -> " ; vouliez-vous dire '" + close + "' ?")
					.orElse(known.isEmpty() ? "" : " (clés possibles : " + String.join(", ", known) + ")");
	}

	private static String unknownValue(String value, JsonNode allowedNode) {
		List<String> allowed = new ArrayList<>();
		allowedNode.forEach((choice) -> allowed.add(choice.asString()));
		Optional<String> close = (value != null) ? Suggestions.closest(value, allowed) : Optional.empty();
		return "la valeur" + ((value != null) ? " '" + value + "'" : "") + " n'est pas permise ici"
				+ close.map((c) -> " ; vouliez-vous dire '" + c + "' ?")
					.orElse(" (valeurs permises : " + String.join(", ", allowed) + ")");
	}

	private static String characters(String count) {
		return count + ("1".equals(count) ? " caractère" : " caractères");
	}

	private static String found(String value) {
		return (value != null) ? " (trouvé : '" + value + "')" : "";
	}

	private static String arg(Object[] args, int index) {
		return (index < args.length && args[index] != null) ? args[index].toString() : "";
	}

	/**
	 * The schema node at a location, or the node owning it (for "additionalProperties",
	 * whose owner lists the known keys).
	 */
	private static JsonNode at(JsonNode schema, NodePath fragment, boolean owner) {
		JsonNode node = schema;
		int count = fragment.getNameCount() - (owner ? 1 : 0);
		for (int i = 0; i < count; i++) {
			Object element = fragment.getElement(i);
			node = (element instanceof Integer index) ? node.path(index) : node.path(element.toString());
		}
		return node;
	}

}
