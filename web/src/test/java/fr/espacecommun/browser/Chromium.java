package fr.espacecommun.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.util.FileSystemUtils;

/**
 * The one headless Chromium of the test JVM (starting one costs more than a test), driven
 * by Debian's {@code chromium-driver}; each test gets it back with no cookie, JavaScript
 * on and a blank page. The driver path is given explicitly: Selenium Manager cannot
 * download anything here.
 */
final class Chromium {

	/**
	 * Debian's chromedriver ({@code chromium-driver}); {@code -Despace.chromedriver}
	 * overrides.
	 */
	static final Path DRIVER = Path.of(System.getProperty("espace.chromedriver", "/usr/bin/chromedriver"));

	/** Debian's chromium; {@code -Despace.chromium} overrides. */
	static final Path BINARY = Path.of(System.getProperty("espace.chromium", "/usr/bin/chromium"));

	/** The desktop width, and the window every page is checked in. */
	static final int DESKTOP_WIDTH = 1280;

	/** The phone width screenshots are also taken at. */
	static final int PHONE_WIDTH = 360;

	/**
	 * Selenium warns that it has no DevTools classes for this Chromium version: only the
	 * raw CDP commands are used, which need none.
	 */
	private static final java.util.logging.Logger DEVTOOLS_LOG = quiet("org.openqa.selenium.devtools");

	private static final java.util.logging.Logger CHROMIUM_LOG = quiet("org.openqa.selenium.chromium");

	private static ChromeDriver driver;

	private static Path profile;

	private Chromium() {
	}

	/** Why the browser tests cannot run here, if they cannot. */
	static Optional<String> missing() {
		List<String> missing = new ArrayList<>();
		if (!Files.isExecutable(DRIVER)) {
			missing.add(DRIVER + " (Debian package chromium-driver)");
		}
		if (!Files.isExecutable(BINARY)) {
			missing.add(BINARY + " (Debian package chromium)");
		}
		return missing.isEmpty() ? Optional.empty() : Optional.of("Browser tests skipped: missing "
				+ String.join(" and ", missing) + "; `apt-get install chromium chromium-driver` (.ci/run does it)");
	}

	/** The shared browser, started on first use, cleaned for a new test. */
	static synchronized ChromeDriver fresh() {
		if (driver == null) {
			driver = start();
			Runtime.getRuntime().addShutdownHook(new Thread(Chromium::quit, "chromium-quit"));
		}
		// a person arriving for the first time: no cookie on any host (Keycloak's too),
		// JavaScript on, the desktop window, nothing left in the network log
		driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
		driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		driver.get("about:blank");
		driver.manage().logs().get(LogType.PERFORMANCE);
		return driver;
	}

	/** Turns JavaScript off (or on) for the pages opened next. */
	static void javaScript(ChromeDriver driver, boolean enabled) {
		driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
	}

	/** The network events logged since the last call (Network.requestWillBeSent & co). */
	static List<LogEntry> networkLog(ChromeDriver driver) {
		return driver.manage().logs().get(LogType.PERFORMANCE).getAll();
	}

	/**
	 * A PNG of the whole page (not only the window) laid out at this width: 360 px as on
	 * a phone (mobile viewport), or the desktop window.
	 */
	@SuppressWarnings("unchecked")
	static byte[] screenshot(ChromeDriver driver, int width) {
		boolean phone = width != DESKTOP_WIDTH;
		if (phone) {
			driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", 780, "deviceScaleFactor", 1, "mobile", true));
		}
		try {
			Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
			Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
			long height = Math.min(Math.round(((Number) size.get("height")).doubleValue()), 6000);
			Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip",
							Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
			return Base64.getDecoder().decode((String) shot.get("data"));
		}
		finally {
			if (phone) {
				driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
			}
		}
	}

	private static ChromeDriver start() {
		try {
			profile = Files.createTempDirectory("espace-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withLogOutput(OutputStream.nullOutputStream())
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=" + DESKTOP_WIDTH + ",900", "--force-device-scale-factor=1", "--hide-scrollbars",
				"--lang=fr-FR", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
				"--disable-sync", "--disable-background-networking", "--disable-component-update",
				"--disable-features=Translate,PasswordLeakDetection,OptimizationHints,MediaRouter",
				"--user-data-dir=" + profile);
		options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
				"profile.password_manager_enabled", false, "intl.accept_languages", "fr-FR,fr"));
		// the network log tells how many times a form was really sent
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
		ChromeDriver started = new ChromeDriver(service, options);
		started.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		started.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		AxeCheck.preload(started);
		return started;
	}

	private static java.util.logging.Logger quiet(String name) {
		java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
		logger.setLevel(Level.SEVERE);
		return logger;
	}

	private static synchronized void quit() {
		if (driver != null) {
			try {
				driver.quit();
			}
			catch (RuntimeException ex) {
				// the JVM is leaving anyway
			}
			driver = null;
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile.toFile());
		}
	}

}
