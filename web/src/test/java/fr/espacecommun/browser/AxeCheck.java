package fr.espacecommun.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * axe-core's WCAG 2.1 A and AA rules (what the RGAA asks of French public services) run
 * on the page the browser shows; what they find comes back as readable lines (the browser
 * tests write them to {@code target/axe/violations.txt}).
 * <p>
 * axe-core is the script shipped in Deque's {@code com.deque.html.axe-core:selenium}
 * artifact. Sending its 500 kB with every check cost most of a check's time, so it is
 * registered once with the browser, which evaluates it in every page it opens; a page
 * opened without JavaScript gets it sent when checked.
 */
final class AxeCheck {

	/** The rule sets checked: WCAG 2.0 and 2.1, levels A and AA. */
	static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final String SOURCE = source();

	private static final String RUN = """
			var done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
				.then(function (results) {
					done(JSON.stringify(results.violations.map(function (rule) {
						return { id: rule.id, impact: rule.impact, help: rule.help, nodes: rule.nodes.map(function (node) {
							return { target: node.target.join(' '), html: node.html, summary: node.failureSummary };
						}) };
					})));
				}, function (error) { done(JSON.stringify({ error: String(error) })); });
			""";

	private static final Path REPORT = Path.of("target", "axe", "violations.txt");

	private static final AtomicInteger pagesChecked = new AtomicInteger();

	private static final AtomicLong nanos = new AtomicLong();

	private AxeCheck() {
	}

	/** Makes the browser evaluate axe-core in every page it opens from now on. */
	static void preload(ChromeDriver driver) {
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SOURCE));
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
	static List<String> violations(ChromeDriver driver, String where) {
		long start = System.nanoTime();
		if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object';"))) {
			driver.executeScript(SOURCE);
		}
		String answer = (String) driver.executeAsyncScript(RUN, TAGS);
		nanos.addAndGet(System.nanoTime() - start);
		pagesChecked.incrementAndGet();
		JsonNode rules = JsonMapper.builder().build().readTree(answer);
		if (rules.has("error")) {
			return List.of(where + ": axe-core failed: " + rules.get("error").asString());
		}
		List<String> lines = new ArrayList<>();
		for (JsonNode rule : rules) {
			StringBuilder line = new StringBuilder(
					where + " " + driver.getCurrentUrl() + ": [" + rule.get("id").asString() + ", "
							+ rule.get("impact").asString() + "] " + rule.get("help").asString());
			for (JsonNode node : rule.get("nodes")) {
				line.append("\n    ")
					.append(node.get("target").asString())
					.append(' ')
					.append(node.get("html").asString())
					.append("\n      ")
					.append(node.get("summary").asString().replace("\n", "\n      "));
			}
			lines.add(line.toString());
		}
		return lines;
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

	private static String source() {
		try (InputStream in = AxeCheck.class.getClassLoader().getResourceAsStream("axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException(
						"axe.min.js missing: com.deque.html.axe-core:selenium not on the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
