package fr.espacecommun.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
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

	/**
	 * Creates a staff member ({@code tenant-admin}) of the commune and signs them in as
	 * they would: the staff pages' address, then the commune's Keycloak page.
	 * @return the staff member's username
	 */
	protected String signInAsStaff(Visitor visitor, String commune) {
		String username = newStaffMember(commune);
		visitor.open(url(commune, "/admin"));
		signInOnKeycloak(visitor, username, STAFF_PASSWORD);
		assertThat(visitor.path()).isEqualTo("/admin");
		return username;
	}

	/**
	 * A new staff member ({@code tenant-admin}, Camille Agent) of the commune, with
	 * {@link #STAFF_PASSWORD}.
	 * @return the username
	 */
	protected String newStaffMember(String commune) {
		String username = "agent-" + unique();
		this.provisioner.ensureUser(tenant(commune), username, username + "@" + commune + ".example.org", "Camille",
				"Agent", STAFF_PASSWORD, "tenant-admin");
		return username;
	}

	/** Another person at the same browser: no cookie left on any host. */
	protected void newSession() {
		this.driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
	}

	/**
	 * The Keycloak page shown carries the commune's branding (the platform's login
	 * theme): its names, its logo (loaded) and its colour on the header and the button.
	 */
	protected void assertCommuneSignInPage(Visitor visitor, String commune) {
		TenantDefinition tenant = tenant(commune);
		assertThat(visitor.path()).as("the commune's Keycloak sign-in page")
			.contains("/realms/" + tenant.realm() + "/");
		WebElement header = this.driver.findElement(By.id("kc-header"));
		assertThat(header.getText()).contains(tenant.portalName(), tenant.name());
		WebElement logo = header.findElement(By.cssSelector("img.ec-logo"));
		assertThat(logo.getAttribute("alt")).isEqualTo(tenant.branding().logoAlt());
		assertThat(logo.getAttribute("src")).startsWith("data:image/svg+xml;base64,");
		assertThat((Boolean) this.driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;",
				logo))
			.as("logo shown")
			.isTrue();
		String colour = rgb(tenant.branding().primaryColor());
		assertThat(header.getCssValue("background-color")).isEqualTo(colour);
		assertThat(visitor.clickable("Connexion").getCssValue("background-color")).isEqualTo(colour);
	}

	/**
	 * {@code #0b5a8c} as the browser gives computed colours:
	 * {@code rgba(11, 90, 140, 1)}.
	 */
	private static String rgb(String hex) {
		int value = Integer.parseInt(hex.substring(1), 16);
		return "rgba(" + (value >> 16) + ", " + ((value >> 8) & 0xff) + ", " + (value & 0xff) + ", 1)";
	}

	protected static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
