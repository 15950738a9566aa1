package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.internal.TenantFileReader.ParsedFile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No key of a tenant file goes unread: every key the schema allows is used by the
 * every-key fixture, and binding the fixture reads every value it holds. A key added to
 * the schema fails here until the fixture uses it and {@link TenantBinder} reads it; the
 * operators' documentation names every key too.
 */
class SchemaKeysTests {

	private static final Path FIXTURE = Path.of("src/test/resources/good/everykey.yaml");

	private static final JsonNode SCHEMA = JsonMapper.builder()
		.build()
		.readTree(SchemaCheck.class.getResourceAsStream(SchemaCheck.RESOURCE));

	@Test
	void fixtureWhenReadThenAValidTenantUsingEverySchemaKey() throws IOException {
		ParsedFile parsed = TenantFileReader.read(FIXTURE, BadTenantFilesTests.BAD, PlatformFacts.LOCAL);
		assertThat(parsed.errors()).isEmpty();
		assertThat(patterns(leaves(tree()))).containsAll(schemaKeys());
	}

	@Test
	void fixtureWhenBoundThenEveryValueItHoldsIsRead() throws IOException {
		Set<String> read = new HashSet<>();
		TenantBinder.bind(tree().root(), FIXTURE, BadTenantFilesTests.BAD, read);
		assertThat(read).containsAll(leaves(tree()));
	}

	@Test
	void schemaWhenReadThenFieldListsAreTheRegistrys() {
		JsonNode fields = SCHEMA.path("properties").path("fields").path("properties");
		assertThat(fields.propertyNames()).containsExactlyInAnyOrderElementsOf(FieldCatalog.ids());
		List<String> accountTypeFields = FieldCatalog.fieldsOf(StepType.ACCOUNT_TYPE)
			.stream()
			.map(CitizenField::id)
			.toList();
		JsonNode declaredByTypes = SCHEMA.path("properties")
			.path("accountTypes")
			.path("items")
			.path("properties")
			.path("fields")
			.path("properties");
		assertThat(declaredByTypes.propertyNames()).containsExactlyInAnyOrderElementsOf(accountTypeFields);
		// their requirement is the account types', so their own rule is a label only
		for (CitizenField field : FieldCatalog.all()) {
			String rule = (field.step() == StepType.ACCOUNT_TYPE) ? "#/$defs/accountTypeFieldRule"
					: "#/$defs/fieldRule";
			assertThat(fields.path(field.id()).path("$ref").asString()).as(field.id()).isEqualTo(rule);
		}
		List<String> stepTypes = new ArrayList<>();
		SCHEMA.path("$defs").path("step").path("properties").path("type").path("enum").forEach((type) -> {
			stepTypes.add(type.asString());
		});
		assertThat(stepTypes).containsExactlyInAnyOrderElementsOf(
				java.util.Arrays.stream(StepType.values()).map(StepType::yamlName).toList());
	}

	@Test
	void operatorDocumentationWhenReadThenNamesEverySchemaKey() throws IOException {
		String readme = Files.readString(tenantsDir().resolve("README.md"), StandardCharsets.UTF_8);
		for (String key : schemaKeys()) {
			String last = key.substring(key.lastIndexOf('/') + 1);
			String name = last.equals("*") ? key.substring(0, key.lastIndexOf('/')) : key;
			String leaf = name.substring(name.lastIndexOf('/') + 1);
			// as `key`, or the last part of a dotted `parent.key`
			assertThat(readme).as("tenants/README.md names %s", key).containsPattern("[`.]" + leaf + "`");
		}
	}

	private static YamlTree tree() throws IOException {
		List<TenantConfigError> errors = new ArrayList<>();
		YamlTree tree = YamlTree.parse(FIXTURE, Files.readString(FIXTURE), errors);
		assertThat(errors).isEmpty();
		return tree;
	}

	/** The JSON pointer of every scalar of the file. */
	private static Set<String> leaves(YamlTree tree) {
		Set<String> leaves = new TreeSet<>();
		collect(tree.root(), "", leaves);
		return leaves;
	}

	private static void collect(JsonNode node, String pointer, Set<String> leaves) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> collect(entry.getValue(), pointer + "/" + entry.getKey(), leaves));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(node.get(i), pointer + "/" + i, leaves);
			}
		}
		else {
			leaves.add(pointer);
		}
	}

	/** Pointers with their sequence indices as {@code *}. */
	private static Set<String> patterns(Set<String> pointers) {
		Set<String> patterns = new TreeSet<>();
		pointers.forEach((pointer) -> patterns.add(pointer.replaceAll("/[0-9]+(?=/|$)", "/*")));
		return patterns;
	}

	/**
	 * Every scalar key the schema allows, as a pointer pattern
	 * ({@code /steps/*}{@code /intro}).
	 */
	private static Set<String> schemaKeys() {
		Set<String> keys = new TreeSet<>();
		walk(SCHEMA, "", keys);
		return keys;
	}

	private static void walk(JsonNode schema, String pointer, Set<String> keys) {
		if (schema.has("$ref")) {
			String ref = schema.path("$ref").asString();
			walk(SCHEMA.at(ref.substring(1)), pointer, keys);
			return;
		}
		if (schema.has("properties")) {
			schema.path("properties")
				.properties()
				.forEach((entry) -> walk(entry.getValue(), pointer + "/" + entry.getKey(), keys));
		}
		else if (schema.has("items")) {
			walk(schema.path("items"), pointer + "/*", keys);
		}
		else {
			keys.add(pointer);
		}
	}

	private static Path tenantsDir() {
		String configured = System.getProperty("espace.tenants.dir");
		return (configured != null) ? Path.of(configured) : Path.of("..", "tenants");
	}

}
