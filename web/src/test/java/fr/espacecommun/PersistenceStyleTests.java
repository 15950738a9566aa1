package fr.espacecommun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The persistence style holds in every module's main code: SQL never names a schema (the
 * schema comes from Hibernate's tenant identifier, or from a platform entity's mapping),
 * and plain JDBC helpers are used only where a library or the schema machinery needs
 * them. Reads the sources, so a violation fails here with its file and line.
 */
class PersistenceStyleTests {

	/**
	 * Main code that may use JDBC helpers: ShedLock's lock provider, schema migration.
	 */
	static final Set<String> JDBC_ALLOWED = Set.of("fr/espacecommun/tenancy/internal/TenancyConfiguration.java");

	/**
	 * Main code that may form SQL with a schema name: the migrator creates the schemas
	 * (DDL Liquibase cannot run before the schema exists).
	 */
	static final Set<String> SCHEMA_SQL_ALLOWED = Set.of("fr/espacecommun/tenancy/TenantSchemaMigrator.java");

	private static final Pattern JDBC_HELPER = Pattern
		.compile("\\b(JdbcClient|JdbcTemplate|NamedParameterJdbcTemplate|JdbcOperations|SimpleJdbcInsert)\\b");

	private static final Pattern SQL = Pattern.compile("(?is)^\\s*(select|insert|update|delete|with|create|alter|"
			+ "drop|truncate|merge)\\b|\\bselect\\b.*\\bfrom\\b|\\binsert\\s+into\\b|\\bdelete\\s+from\\b"
			+ "|\\bupdate\\s+\\S+\\s+set\\b|\\bjoin\\s+\\S+\\s+on\\b|\\bon\\s+conflict\\b");

	/** {@code t_fresnes.citizen_profile}, {@code platform.tenant}, quoted or not. */
	private static final Pattern SCHEMA_QUALIFIER = Pattern
		.compile("(?i)(\\bt_[a-z0-9_]*|\\bplatform|\"t_[a-z0-9_]*\"|\"platform\")\\s*\\.\\s*\"?[a-z_]");

	/** A literal glued to a schema: {@code "FROM " + tenant.schema() + ".x"}. */
	private static final Pattern SCHEMA_CONCATENATION = Pattern.compile("(?i)\\w*schema\\w*");

	@Test
	void mainCodeWhenReadThenNoSqlNamesASchema() {
		List<String> violations = new ArrayList<>();
		for (Source source : mainSources()) {
			if (SCHEMA_SQL_ALLOWED.contains(source.name())) {
				continue;
			}
			for (Literal literal : literals(source.text())) {
				if (!SQL.matcher(literal.value()).find()) {
					continue;
				}
				if (SCHEMA_QUALIFIER.matcher(literal.value()).find()) {
					violations.add(source.where(literal.start()) + " SQL names a schema: " + literal.shown());
				}
				if (gluedToSchema(source.text(), literal)) {
					violations
						.add(source.where(literal.start()) + " SQL concatenated with a schema: " + literal.shown());
				}
			}
		}
		assertThat(violations).as("SQL naming a schema in main code").isEmpty();
	}

	@Test
	void mainCodeWhenReadThenJdbcHelpersOnlyWhereAllowed() {
		List<String> violations = new ArrayList<>();
		for (Source source : mainSources()) {
			if (JDBC_ALLOWED.contains(source.name())) {
				continue;
			}
			Matcher matcher = JDBC_HELPER.matcher(withoutCommentsAndLiterals(source.text()));
			while (matcher.find()) {
				violations.add(source.where(matcher.start()) + " uses " + matcher.group(1));
			}
		}
		assertThat(violations).as("JdbcClient/JdbcTemplate outside " + JDBC_ALLOWED).isEmpty();
	}

	@Test
	void scannerWhenFedViolationsThenFindsThem() {
		String planted = """
				class Planted {
					String a = "SELECT * FROM " + tenant.schema() + ".citizen_profile";
					String b = \"""
							INSERT INTO platform.tenant (id) VALUES (?)\""";
					String c = "UPDATE t_fresnes.registration SET state = ?";
					String fine = "Schema {} migrated";
				}
				""";
		List<Literal> sql = literals(planted).stream().filter((l) -> SQL.matcher(l.value()).find()).toList();
		assertThat(sql).hasSize(3);
		assertThat(gluedToSchema(planted, sql.get(0))).isTrue();
		assertThat(SCHEMA_QUALIFIER.matcher(sql.get(1).value()).find()).isTrue();
		assertThat(SCHEMA_QUALIFIER.matcher(sql.get(2).value()).find()).isTrue();
		assertThat(JDBC_HELPER.matcher(withoutCommentsAndLiterals("JdbcClient.create(ds); // JdbcTemplate")).results())
			.hasSize(1);
	}

	private static boolean gluedToSchema(String text, Literal literal) {
		String before = text.substring(Math.max(0, literal.start() - 60), literal.start()).stripTrailing();
		String after = text.substring(literal.end(), Math.min(text.length(), literal.end() + 60)).stripLeading();
		if (before.endsWith("+")) {
			String operand = before.substring(0, before.length() - 1).stripTrailing();
			String last = operand.replaceAll("(?s).*?([\\w.()]+)$", "$1");
			if (SCHEMA_CONCATENATION.matcher(last).find()) {
				return true;
			}
		}
		if (after.startsWith("+")) {
			String operand = after.substring(1).stripLeading();
			String next = operand.replaceAll("(?s)^([\\w.()]+).*", "$1");
			return SCHEMA_CONCATENATION.matcher(next).find();
		}
		return false;
	}

	private static List<Source> mainSources() {
		Path module = Path.of(System.getProperty("user.dir"));
		Path root = Files.exists(module.resolve("web/src/main/java")) ? module : module.getParent();
		List<Source> sources = new ArrayList<>();
		for (String name : List.of("tenant-config", "platform-core", "web")) {
			Path java = root.resolve(name).resolve("src/main/java");
			assertThat(java).isDirectory();
			try (Stream<Path> files = Files.walk(java)) {
				files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> {
					try {
						sources.add(new Source(java.relativize(file).toString().replace('\\', '/'),
								Files.readString(file)));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		assertThat(sources).hasSizeGreaterThan(100);
		return sources;
	}

	/** The string literals and text blocks of a Java source, comments skipped. */
	static List<Literal> literals(String text) {
		List<Literal> literals = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (text.startsWith("//", i)) {
				i = lineEnd(text, i);
			}
			else if (text.startsWith("/*", i)) {
				int end = text.indexOf("*/", i + 2);
				i = (end < 0) ? text.length() : end + 2;
			}
			else if (c == '\'') {
				i = skipQuoted(text, i, '\'');
			}
			else if (text.startsWith("\"\"\"", i)) {
				int end = text.indexOf("\"\"\"", i + 3);
				end = (end < 0) ? text.length() : end;
				literals.add(new Literal(i, end + 3, text.substring(i + 3, end)));
				i = end + 3;
			}
			else if (c == '"') {
				int end = skipQuoted(text, i, '"');
				literals.add(new Literal(i, end, text.substring(i + 1, Math.max(i + 1, end - 1))));
				i = end;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	private static String withoutCommentsAndLiterals(String text) {
		StringBuilder code = new StringBuilder(text);
		for (Literal literal : literals(text)) {
			for (int i = literal.start(); i < literal.end() && i < code.length(); i++) {
				if (code.charAt(i) != '\n') {
					code.setCharAt(i, ' ');
				}
			}
		}
		// comments blanked character by character, so that offsets keep their line
		Matcher comments = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*").matcher(code.toString());
		while (comments.find()) {
			for (int i = comments.start(); i < comments.end(); i++) {
				if (code.charAt(i) != '\n') {
					code.setCharAt(i, ' ');
				}
			}
		}
		return code.toString();
	}

	private static int skipQuoted(String text, int start, char quote) {
		int i = start + 1;
		while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
			i += (text.charAt(i) == '\\') ? 2 : 1;
		}
		return Math.min(i + 1, text.length());
	}

	private static int lineEnd(String text, int from) {
		int end = text.indexOf('\n', from);
		return (end < 0) ? text.length() : end;
	}

	record Source(String name, String text) {

		String where(int offset) {
			return this.name + ":" + (this.text.substring(0, offset).chars().filter((c) -> c == '\n').count() + 1);
		}

	}

	record Literal(int start, int end, String value) {

		String shown() {
			String flat = this.value.replaceAll("\\s+", " ").strip();
			return "\"" + ((flat.length() > 100) ? flat.substring(0, 100) + "…" : flat) + "\"";
		}

	}

}
