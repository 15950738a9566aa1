package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import fr.espacecommun.tenant.TenantConfigError;
import tools.jackson.databind.JsonNode;

/**
 * Validates a tenant tree against {@code tenant.schema.json} and reports each error at
 * the line:column of the YAML node it concerns.
 */
final class SchemaCheck {

	static final String RESOURCE = "/fr/espacecommun/tenant/tenant.schema.json";

	// Compiling the schema is the costly part; validation itself is cheap and the
	// compiled schema is immutable, so one instance serves every reload.
	private static final Schema SCHEMA = load();

	// The same schema as a tree, where the messages find the keys and values it allows.
	private static final JsonNode SCHEMA_TREE = SCHEMA.getSchemaNode();

	private SchemaCheck() {
	}

	private static Schema load() {
		try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Missing classpath resource " + RESOURCE);
			}
			return SchemaRegistry
				.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (registry) -> registry.schemaRegistryConfig(
						SchemaRegistryConfig.builder().errorMessageKeyword("message").locale(Locale.FRENCH).build()))
				.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void check(Path file, YamlTree tree, List<TenantConfigError> errors) {
		List<Error> found = SCHEMA.validate(tree.root(),
				(context) -> context.executionConfig((config) -> config.locale(Locale.FRENCH)));
		found.stream().map((error) -> toConfigError(file, tree, error)).distinct().forEach(errors::add);
	}

	private static TenantConfigError toConfigError(Path file, YamlTree tree, Error error) {
		String pointer = pointer(error.getInstanceLocation());
		String keyword = error.getKeyword();
		YamlTree.Position position;
		if ("additionalProperties".equals(keyword) && error.getProperty() != null) {
			// The operator must find the unknown key itself, not its parent.
			position = tree.keyAt(YamlTree.pointer(pointer, error.getProperty()));
		}
		else {
			// For "required" this is the mapping the property is missing from.
			position = tree.valueAt(pointer);
		}
		String where = pointer.isEmpty() ? "/" : pointer;
		return position.error(file, "schema." + keyword, where + " : " + SchemaMessages.of(error, SCHEMA_TREE));
	}

	private static String pointer(NodePath path) {
		String pointer = "";
		for (int i = 0; i < path.getNameCount(); i++) {
			pointer = YamlTree.pointer(pointer, path.getElement(i));
		}
		return pointer;
	}

}
