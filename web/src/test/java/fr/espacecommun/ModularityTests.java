package fr.espacecommun;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.tngtech.archunit.core.importer.ImportOption;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features are Spring Modulith modules: each exposes its API at its package root and
 * keeps the rest in {@code internal} (or its {@code web} pages), no cycle between them,
 * and a feature reaches another only through that API. The module diagram of
 * {@code docs/modules} is drawn from the code here.
 */
class ModularityTests {

	/**
	 * The application's own classes: ArchUnit leaves test folders out, but under
	 * {@code ./mvnw verify} platform-core's tests reach this module as a jar
	 * ({@code platform-core-…-tests.jar}), whose test classes would count as modules'
	 * code (RegistrationTests using activation made a cycle).
	 */
	private static final ImportOption MAIN_CODE = (location) -> new ImportOption.DoNotIncludeTests().includes(location)
			&& !location.contains("-tests.jar");

	private static final ApplicationModules MODULES = ApplicationModules.of(EspaceCommunApplication.class, MAIN_CODE);

	/** Where the diagram lives, beside the other documents. */
	private static final Path DOCS = Path.of("..", "docs", "modules");

	@Test
	void modulesWhenVerifiedThenNoViolation() {
		MODULES.verify();
	}

	@Test
	void modulesWhenDocumentedThenDiagramOfEveryModuleInDocs() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
			.writeModulesAsPlantUml(DiagramOptions.defaults()
				.withStyle(DiagramStyle.UML)
				.withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE));
		Path plantUml = DOCS.resolve("components.puml");
		// modules come in classpath order: sorted, the committed diagram changes only
		// with
		// the code
		String diagram = sorted(Files.readString(plantUml, StandardCharsets.UTF_8));
		Files.writeString(plantUml, diagram, StandardCharsets.UTF_8);
		// PlantUML's own Java layout, so drawing needs no Graphviz on the machine
		String drawable = diagram.replaceFirst("@startuml", "@startuml\n!pragma layout smetana");
		try (OutputStream svg = Files.newOutputStream(DOCS.resolve("components.svg"))) {
			new SourceStringReader(drawable).outputImage(svg, new FileFormatOption(FileFormat.SVG));
		}
		MODULES.forEach((module) -> assertThat(diagram).as(module.getIdentifier().toString())
			.contains(module.getDisplayName()));
		assertThat(Files.readString(DOCS.resolve("components.svg"))).contains("<svg", "Wizard", "Registration");
	}

	/** The diagram with its runs of component lines and of relationship lines sorted. */
	private static String sorted(String diagram) {
		List<String> lines = new ArrayList<>(diagram.lines().toList());
		int start = 0;
		while (start < lines.size()) {
			int end = start;
			while (end < lines.size() && sortable(lines.get(end)) && sortable(lines.get(start))
					&& lines.get(end).contains(" --> ") == lines.get(start).contains(" --> ")) {
				end++;
			}
			Collections.sort(lines.subList(start, end));
			start = Math.max(end, start + 1);
		}
		return String.join("\n", lines) + "\n";
	}

	private static boolean sortable(String line) {
		return line.startsWith("  component ") || line.contains(" --> ");
	}

}
