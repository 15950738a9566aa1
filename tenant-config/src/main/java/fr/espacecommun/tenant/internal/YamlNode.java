package fr.espacecommun.tenant.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A value of a schema-valid tenant file as {@link TenantBinder} reads it: every value it
 * reads is noted by its JSON pointer, so a test can show that no key of a file goes
 * unread ({@code SchemaKeysTests}).
 */
final class YamlNode {

	private final JsonNode node;

	private final String pointer;

	private final Set<String> read;

	private YamlNode(JsonNode node, String pointer, Set<String> read) {
		this.node = node;
		this.pointer = pointer;
		this.read = read;
	}

	/** The file's root; the pointers of the values read go to {@code read}. */
	static YamlNode root(JsonNode root, Set<String> read) {
		return new YamlNode(root, "", read);
	}

	/** The text under this key, empty when absent. */
	String text(String key) {
		JsonNode value = leaf(key);
		return value.isString() ? value.asString() : "";
	}

	/** The text under this key, null when absent. */
	@Nullable String optionalText(String key) {
		JsonNode value = leaf(key);
		return value.isString() ? value.asString() : null;
	}

	boolean bool(String key, boolean absent) {
		return leaf(key).asBoolean(absent);
	}

	int integer(String key, int absent) {
		return leaf(key).asInt(absent);
	}

	@Nullable Integer optionalInteger(String key) {
		JsonNode value = leaf(key);
		return value.isNumber() ? value.asInt() : null;
	}

	/** The mapping or sequence under this key (missing when absent). */
	YamlNode child(String key) {
		return new YamlNode(this.node.path(key), YamlTree.pointer(this.pointer, key), this.read);
	}

	boolean isMissing() {
		return this.node.isMissingNode() || this.node.isNull();
	}

	/** The items of this sequence. */
	List<YamlNode> items() {
		List<YamlNode> items = new ArrayList<>();
		int i = 0;
		for (JsonNode item : this.node) {
			items.add(new YamlNode(item, this.pointer + "/" + i++, this.read));
		}
		return items;
	}

	/** The texts of this sequence. */
	List<String> strings() {
		List<String> values = new ArrayList<>();
		for (YamlNode item : items()) {
			this.read.add(item.pointer);
			values.add(item.node.asString());
		}
		return values;
	}

	/** The entries of this mapping, in the file's order. */
	Map<String, YamlNode> entries() {
		Map<String, YamlNode> entries = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : this.node.properties()) {
			entries.put(entry.getKey(), child(entry.getKey()));
		}
		return entries;
	}

	/** This scalar's text (a mapping's value such as {@code siret: required}). */
	String asText() {
		this.read.add(this.pointer);
		return this.node.asString();
	}

	private JsonNode leaf(String key) {
		this.read.add(YamlTree.pointer(this.pointer, key));
		return this.node.path(key);
	}

}
