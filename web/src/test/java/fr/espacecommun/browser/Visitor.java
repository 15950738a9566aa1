package fr.espacecommun.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in front of the browser, on one commune's pages: finds fields by their label
 * and buttons by their text, as a person reads them. Each step worth keeping is
 * {@linkplain #step(String) recorded}: checked with axe-core and photographed at 360 px
 * and 1280 px into {@code target/screenshots/<commune>/<nn-step>-<width>.png}.
 */
final class Visitor {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/**
	 * How often waits look again (Selenium's default, half a second, adds up over a
	 * path).
	 */
	private static final Duration POLL = Duration.ofMillis(50);

	private static final java.util.concurrent.atomic.AtomicInteger shots = new java.util.concurrent.atomic.AtomicInteger();

	private static final java.util.concurrent.atomic.AtomicLong shotNanos = new java.util.concurrent.atomic.AtomicLong();

	private final ChromeDriver driver;

	private final String commune;

	private final boolean screenshots;

	private final List<String> violations = new ArrayList<>();

	private int steps;

	private boolean javaScript = true;

	Visitor(ChromeDriver driver, String commune, boolean screenshots) {
		this.driver = driver;
		this.commune = commune;
		this.screenshots = screenshots;
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/** What axe-core found on the steps recorded so far. */
	List<String> violations() {
		return List.copyOf(this.violations);
	}

	/** Opens the address as typed in the address bar (or followed from a mail). */
	void open(String url) {
		this.driver.get(url);
	}

	/**
	 * Records the page shown: axe-core's WCAG 2.1 A/AA rules, and screenshots at both
	 * widths when this visitor takes them.
	 */
	void step(String name) {
		this.steps++;
		String numbered = String.format(Locale.ROOT, "%02d-%s", this.steps, name);
		if (this.screenshots) {
			save(numbered, Chromium.PHONE_WIDTH);
			save(numbered, Chromium.DESKTOP_WIDTH);
		}
		if (!this.javaScript) {
			// axe-core is a script: it runs on the page as loaded without JavaScript
			Chromium.javaScript(this.driver, true);
		}
		this.violations.addAll(AxeCheck.violations(this.driver, this.commune + "/" + numbered));
		if (!this.javaScript) {
			Chromium.javaScript(this.driver, false);
		}
	}

	/** The path of the page shown. */
	String path() {
		return java.net.URI.create(this.driver.getCurrentUrl()).getPath();
	}

	/** The page's visible text. */
	String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	/** The titles of the page's sections (h2), as written (not as styled). */
	List<String> sectionTitles() {
		return this.driver.findElements(By.cssSelector("main section h2"))
			.stream()
			.map((title) -> title.getAttribute("textContent").strip())
			.toList();
	}

	/** Turns JavaScript off for the pages opened next, as some people browse. */
	void withoutJavaScript() {
		this.javaScript = false;
		Chromium.javaScript(this.driver, false);
	}

	/** The main heading. */
	String heading() {
		return this.driver.findElement(By.tagName("h1")).getText();
	}

	/** Clicks the link or button showing this text, and waits for the next page. */
	void click(String text) {
		WebElement target = clickable(text);
		WebElement page = this.driver.findElement(By.tagName("html"));
		target.click();
		waitForNewPage(page);
	}

	/** The link or button showing this text. */
	WebElement clickable(String text) {
		String literal = xpathLiteral(text);
		List<WebElement> found = this.driver
			.findElements(By.xpath("//a[normalize-space(.)=" + literal + "] | //button[normalize-space(.)=" + literal
					+ "] | //input[@type='submit' and @value=" + literal + "]"));
		if (found.isEmpty()) {
			throw new NoSuchElementException(
					"No link or button \"" + text + "\" on " + this.driver.getCurrentUrl() + ":\n" + text());
		}
		return found.get(0);
	}

	/**
	 * The field whose label says this (the label's text contains it): found through the
	 * label's {@code for}, so a field whose label is not tied to it is not found.
	 */
	WebElement field(String label) {
		String literal = xpathLiteral(label);
		List<WebElement> labels = this.driver
			.findElements(By.xpath("//label[contains(normalize-space(.), " + literal + ")]"));
		for (WebElement candidate : labels) {
			String id = candidate.getAttribute("for");
			if (id != null && !id.isEmpty()) {
				return this.driver.findElement(By.id(id));
			}
		}
		throw new NoSuchElementException(
				"No field labelled \"" + label + "\" on " + this.driver.getCurrentUrl() + ":\n" + text());
	}

	/** Types into the field labelled so, replacing what it held. */
	void type(String label, String value) {
		WebElement input = field(label);
		input.clear();
		input.sendKeys(value);
	}

	/** Chooses an option, by its visible text, in the list labelled so. */
	void choose(String label, String option) {
		new Select(field(label)).selectByVisibleText(option);
	}

	/** Ticks the checkbox or radio button labelled so, by clicking its label. */
	void tick(String label) {
		WebElement input = field(label);
		if (!input.isSelected()) {
			this.driver.findElement(By.cssSelector("label[for='" + input.getAttribute("id") + "']")).click();
		}
	}

	/** Waits until the condition holds (JavaScript answers, for instance). */
	void await(String what, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10), POLL).withMessage(what)
			.until((driver) -> condition.getAsBoolean());
	}

	/** The element that has the keyboard focus. */
	WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	/** Presses keys on whatever has the focus, as a keyboard does. */
	void press(CharSequence... keys) {
		new Actions(this.driver).sendKeys(keys).perform();
	}

	/**
	 * Presses Tab until the focus reaches the element with this id (at most 60 times), as
	 * a keyboard user moves through the page.
	 */
	void tabTo(String id) {
		for (int i = 0; i < 60; i++) {
			if (id.equals(focused().getAttribute("id"))) {
				return;
			}
			press(Keys.TAB);
		}
		throw new AssertionError("Tab never reached #" + id + " on " + this.driver.getCurrentUrl());
	}

	/** Presses Tab until the focus reaches the button or link showing this text. */
	void tabToControl(String text) {
		for (int i = 0; i < 60; i++) {
			if (text.equals(focused().getText().strip()) || text.equals(focused().getAttribute("value"))) {
				return;
			}
			press(Keys.TAB);
		}
		throw new AssertionError("Tab never reached \"" + text + "\" on " + this.driver.getCurrentUrl());
	}

	/** Presses a key expected to load another page, and waits for it. */
	void pressToLeave(CharSequence key) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		press(key);
		waitForNewPage(page);
	}

	private void waitForNewPage(WebElement previous) {
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(30), POLL);
		wait.until((driver) -> gone(previous));
		wait.until((driver) -> "complete"
			.equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

	/** How many screenshots were taken in this JVM, and in how long: for the timings. */
	static String summary() {
		return shots.get() + " screenshots in " + (shotNanos.get() / 1_000_000) + " ms";
	}

	/**
	 * Whether the element's page was replaced. Chromedriver sometimes answers for an
	 * element of a page being replaced with an inspector error rather than "stale".
	 */
	private static boolean gone(WebElement element) {
		try {
			element.getTagName();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	private void save(String numbered, int width) {
		long start = System.nanoTime();
		Path file = SCREENSHOTS.resolve(this.commune).resolve(numbered + "-" + width + ".png");
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, Chromium.screenshot(this.driver, width));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		shots.incrementAndGet();
		shotNanos.addAndGet(System.nanoTime() - start);
	}

	private static String xpathLiteral(String text) {
		if (!text.contains("'")) {
			return "'" + text + "'";
		}
		return "concat('" + text.replace("'", "', \"'\", '") + "')";
	}

}
