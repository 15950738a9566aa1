package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.TenantConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a tenant file holds, reading it costs bounded memory and time, and the refusal
 * says where (issue 15).
 */
class BoundedReadingTests {

	private static final Path GOOD = Path.of("src/test/resources/good/good.yaml");

	@ParameterizedTest(name = "{0} -> {1} at {2}:{3}")
	@CsvSource(textBlock = """
			aliasbomb,      yaml.limit,                  51, 20
			aliasunder,     schema.additionalProperties, 44,  1
			deepnesting,    yaml.limit,                  44, 71
			backreference,  service-keys.pattern,        43, 14
			""")
	void hostileFileWhenReadThenRefusedAtItsPlace(String name, String rule, int line, int column) {
		Path file = BadTenantFilesTests.BAD.resolve(name + ".yaml");
		List<TenantConfigError> errors = TenantFileReader.read(file, BadTenantFilesTests.BAD, PlatformFacts.LOCAL)
			.errors();
		assertThat(errors).isNotEmpty();
		assertThat(errors.get(0).rule()).isEqualTo(rule);
		assertThat(errors.get(0).line()).as("line").isEqualTo(line);
		assertThat(errors.get(0).column()).as("column").isEqualTo(column);
	}

	@Test
	void fileOverTheLimitWhenReadThenRefusedAtTheLineWhereReadingStopped(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("huge.yaml");
		// 300 KiB: the good file, then comment lines of 100 bytes
		StringBuilder text = new StringBuilder(Files.readString(GOOD));
		int goodLines = text.toString().split("\n", -1).length - 1;
		while (text.length() < 300 * 1024) {
			text.append("#").append("x".repeat(98)).append('\n');
		}
		Files.writeString(file, text);
		TenantConfigError error = TenantFileReader.read(file, dir, PlatformFacts.LOCAL).errors().get(0);
		assertThat(error.rule()).isEqualTo("file.too-large");
		int expectedLine = goodLines + 1 + (TenantFileReader.MAX_BYTES - Files.readString(GOOD).length()) / 100;
		assertThat(error.line()).isEqualTo(expectedLine);
		assertThat(error.message()).contains("256 Kio");
	}

	@Test
	void fileWithTooManyValuesWhenReadThenRefusedAtTheValueOverTheBudget(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("manynodes.yaml");
		String good = Files.readString(GOOD);
		Files.writeString(file, good.replace("id: good", "id: manynodes") + "extra:\n" + "  - a\n".repeat(25_000));
		TenantConfigError error = TenantFileReader.read(file, dir, PlatformFacts.LOCAL).errors().get(0);
		assertThat(error.rule()).isEqualTo("yaml.too-many-nodes");
		assertThat(error.line()).isGreaterThan(44).isLessThan(44 + YamlTree.MAX_NODES);
	}

	/**
	 * The offline validator, in a JVM of 48 MiB of heap, over every bad file of the
	 * corpus plus an over-long one and one with too many values: it refuses them all,
	 * without running out of memory, within seconds.
	 */
	@Test
	void validatorWhenSmallHeapThenRefusesTheWholeCorpus(@TempDir Path dir) throws Exception {
		copy(BadTenantFilesTests.BAD, dir);
		String good = Files.readString(GOOD);
		Files.writeString(dir.resolve("manynodes.yaml"),
				good.replace("id: good", "id: manynodes") + "extra:\n" + "  - a\n".repeat(25_000));
		Files.writeString(dir.resolve("huge.yaml"), good.replace("id: good", "id: huge") + "#x\n".repeat(2_000_000));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
						"-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
						"fr.espacecommun.tenant.ValidateTenants", dir.toString()));
		Path output = dir.resolve("../validator-output.txt");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("validator ended").isTrue();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		System.out.println("Validator over " + countYaml(dir) + " bad files at -Xmx48m: " + millis + " ms");
		assertThat(process.exitValue()).as(printed).isEqualTo(1);
		assertThat(printed).doesNotContain("OutOfMemoryError")
			.contains("huge.yaml:")
			.contains("[file.too-large]")
			.contains("manynodes.yaml:")
			.contains("[yaml.too-many-nodes]")
			.contains("aliasbomb.yaml:51:20: [yaml.limit]");
	}

	private static long countYaml(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.toString().endsWith(".yaml")).count();
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : files.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
	}

}
