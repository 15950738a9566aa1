package fr.espacecommun.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.WebDriver;

/**
 * axe-core's WCAG 2.1 A and AA rules (what the RGAA asks of French public services) run
 * on the page the browser shows; what they find comes back as readable lines (the browser
 * tests write them to {@code target/axe/violations.txt}).
 */
final class AxeCheck {

	/** The rule sets checked: WCAG 2.0 and 2.1, levels A and AA. */
	static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final Path REPORT = Path.of("target", "axe", "violations.txt");

	private static final AtomicInteger pagesChecked = new AtomicInteger();

	private static final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

	private AxeCheck() {
	}

	/** How many pages were checked in this JVM, and in how long: for the timings. */
	static String summary() {
		return pagesChecked.get() + " pages checked with axe-core in " + (nanos.get() / 1_000_000) + " ms";
	}

	/**
	 * Checks the current page.
	 * @param where the step's name, for the report
	 * @return one line per rule violated (empty when the page passes)
	 */
	static List<String> violations(WebDriver driver, String where) {
		long start = System.nanoTime();
		Results results = new AxeBuilder().withTags(TAGS).analyze(driver);
		nanos.addAndGet(System.nanoTime() - start);
		pagesChecked.incrementAndGet();
		if (results.isErrored()) {
			return List.of(where + ": axe-core failed: " + results.getErrorMessage());
		}
		return results.getViolations()
			.stream()
			.map((rule) -> where + " " + driver.getCurrentUrl() + ": " + describe(rule))
			.toList();
	}

	private static String describe(Rule rule) {
		return "[" + rule.getId() + ", " + rule.getImpact() + "] " + rule.getHelp() + "\n"
				+ rule.getNodes().stream().map(AxeCheck::describe).collect(Collectors.joining("\n"));
	}

	private static String describe(CheckedNode node) {
		return "    " + node.getTarget() + " " + node.getHtml() + "\n      "
				+ String.valueOf(node.getFailureSummary()).replace("\n", "\n      ");
	}

	/** Adds these lines to {@code target/axe/violations.txt}. */
	static synchronized void report(List<String> lines) {
		if (lines.isEmpty()) {
			return;
		}
		try {
			Files.createDirectories(REPORT.getParent());
			Files.writeString(REPORT, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
