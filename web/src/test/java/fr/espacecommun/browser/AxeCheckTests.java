package fr.espacecommun.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accessibility check the browser tests rely on does find what it must: a page
 * without a label and with pale text fails it.
 */
@ExtendWith(ChromiumInstalled.class)
class AxeCheckTests {

	@Test
	void axeCheckWhenFieldUnlabelledAndTextPaleThenBothReported() {
		ChromeDriver driver = Chromium.fresh();
		String page = "<!DOCTYPE html><html lang=\"fr\"><head><title>Essai</title></head><body><main>"
				+ "<h1>Essai</h1><input type=\"text\" name=\"nom\">"
				+ "<p style=\"color:#b0b0b0;background:#ffffff\">Texte trop pâle</p></main></body></html>";
		driver
			.get("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));

		List<String> violations = AxeCheck.violations(driver, "essai");

		assertThat(violations).anySatisfy((line) -> assertThat(line).contains("[label, critical]"))
			.anySatisfy((line) -> assertThat(line).contains("[color-contrast, serious]", "Texte trop pâle"));
	}

}
