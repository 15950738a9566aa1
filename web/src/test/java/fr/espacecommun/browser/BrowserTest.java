package fr.espacecommun.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that walk the running platform in a real headless Chromium: skipped,
 * with the reason, where Debian's chromium or chromium-driver is missing; every page a
 * test records must pass axe-core's WCAG 2.1 A and AA rules.
 */
@ExtendWith(ChromiumInstalled.class)
abstract class BrowserTest extends LiveServerTest {

	@Autowired
	protected JdbcTemplate jdbc;

	protected ChromeDriver driver;

	private final List<Visitor> visitors = new ArrayList<>();

	@AfterAll
	static void timings() {
		System.out.println("Browser tests: " + AxeCheck.summary() + ", " + Visitor.summary());
	}

	@BeforeEach
	void freshBrowser() {
		this.driver = Chromium.fresh();
	}

	@AfterEach
	void everyPageAccessible() {
		List<String> violations = this.visitors.stream().flatMap((visitor) -> visitor.violations().stream()).toList();
		this.visitors.clear();
		AxeCheck.report(violations);
		assertThat(violations).as("axe-core (WCAG 2.1 A/AA) violations; see target/axe/violations.txt").isEmpty();
	}

	/** A person on this commune's pages; screenshots of each step recorded if asked. */
	protected Visitor visitor(String commune, boolean screenshots) {
		Visitor visitor = new Visitor(this.driver, commune, screenshots);
		this.visitors.add(visitor);
		return visitor;
	}

	/**
	 * The picture a sighted person clicks on the security check ("Cliquez sur le pied"):
	 * the page names no picture, so the test reads which token is the target from the
	 * draft.
	 */
	protected String captchaPictureId(Visitor visitor, String commune) {
		Cookie cookie = this.driver.manage().getCookieNamed("espace_inscription");
		assertThat(cookie).as("wizard cookie").isNotNull();
		String json = this.jdbc.queryForObject(
				"select security_challenge from t_" + commune + ".wizard_draft where id = ?", String.class,
				UUID.fromString(cookie.getValue()));
		JsonNode challenge = JsonMapper.builder().build().readTree(json);
		String token = challenge.get("target").asString();
		return this.driver.findElement(By.cssSelector("input[name='captcha'][value='" + token + "']"))
			.getAttribute("id");
	}

	/** Signs in on the commune's Keycloak page reached from Mon espace. */
	protected void signInOnKeycloak(Visitor visitor, String username, String password) {
		assertThat(visitor.path()).as("the commune's Keycloak sign-in page").contains("/realms/");
		// Keycloak's own page: its fields by their ids (the wording is Keycloak's)
		this.driver.findElement(By.id("username")).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		visitor.click("Connexion");
	}

	protected static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
