package fr.espacecommun.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of a tenant file reaches a page, a mail, a realm or a rule: each component
 * of {@link TenantDefinition} and of its nested records is read by the platform's code
 * outside the tenant files' own reading ({@code fr.espacecommun.tenant}), or by a page or
 * theme template. With {@code SchemaKeysTests} (every key is bound), no key of the schema
 * is silently ignored.
 */
class TenantDefinitionUseTests {

	// main classes of every module, whether Maven hands them over as folders or jars
	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption((location) -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
		.importPackages("fr.espacecommun");

	@Test
	void tenantDefinitionComponentsWhenPlatformCodeAndTemplatesReadThenEachIsUsed() throws IOException {
		String templates = templates();
		List<String> unused = new ArrayList<>();
		JavaClass definition = MAIN.get(TenantDefinition.class);
		Set<JavaClass> records = Stream
			.concat(Stream.of(definition),
					MAIN.stream().filter((type) -> type.getName().startsWith(TenantDefinition.class.getName() + "$")))
			.filter((type) -> type.reflect().isRecord())
			.collect(Collectors.toSet());
		for (JavaClass record : records) {
			for (var component : record.reflect().getRecordComponents()) {
				JavaMethod accessor = record.getMethod(component.getName());
				// calls and method references alike
				boolean calledOutside = accessor.getAccessesToSelf()
					.stream()
					.anyMatch((access) -> !access.getOriginOwner().getPackageName().equals("fr.espacecommun.tenant"));
				boolean inTemplates = templates.contains("." + component.getName() + "()");
				if (!calledOutside && !inTemplates) {
					unused.add(record.getSimpleName() + "." + component.getName());
				}
			}
		}
		assertThat(records).hasSizeGreaterThan(10);
		assertThat(unused).as("components of TenantDefinition nothing outside its reading uses").isEmpty();
	}

	/** The pages' and Keycloak theme's templates, as one text. */
	private static String templates() throws IOException {
		StringBuilder text = new StringBuilder();
		for (Path root : List.of(Path.of("src/main/resources/templates"),
				Path.of("../platform-core/src/main/resources"))) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files
					.filter((f) -> f.toString().endsWith(".html") || f.toString().endsWith(".ftl")
							|| f.toString().endsWith(".txt"))
					.toList()) {
					text.append(Files.readString(file, StandardCharsets.UTF_8));
				}
			}
		}
		return text.toString();
	}

}
