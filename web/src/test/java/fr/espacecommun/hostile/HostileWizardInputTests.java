package fr.espacecommun.hostile;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.hostile.AttackCorpus.Attack;
import fr.espacecommun.hostile.AttackCorpus.Expectation;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import fr.espacecommun.wizard.WizardField;
import fr.espacecommun.wizard.WizardPage;
import fr.espacecommun.wizard.internal.WizardEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.representations.idm.UserRepresentation;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of every page of each self-registering commune's wizard, walked over real
 * HTTP, fed each value of the attack corpus: never a 500, never the value sent back as
 * markup, a French message next to the field for the values refused; then the wizard is
 * finished with a real name (accents, apostrophe, Ø, Vietnamese diacritics) that reaches
 * the commune's Keycloak realm unchanged.
 */
class HostileWizardInputTests extends LiveServerTest {

	private static final Pattern NAMES = Pattern.compile("<(?:input|select|textarea)\\b[^>]*\\bname=\"([^\"]+)\"");

	private static final Set<String> NAMES_SENT_TO_KEYCLOAK = Set.of("lastName", "firstNames", "birthName");

	private static final String PASSWORD = "Soleil-2026-Fort!";

	/** Values allowed but dangerous if shown unescaped, kept in the profile. */
	private static final String STORED_MARKUP = "\"><img src=x onerror=alert(1)>";

	@Autowired
	private WizardEngine engine;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private KeycloakClusters clusters;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "fresnes|Éloïse|N'Diaye", "ccplm|Jean-François|Ødegaard",
			"villennes|Văn An|Nguyễn", "ccve|Zoë|Lefèvre-Ødegaard" })
	void wizardWhenEveryFieldFedTheCorpusThenNo500NoMarkupFrenchErrorsAndRealNamesReachKeycloak(String tenantId,
			String firstNames, String lastName) throws Exception {
		TenantDefinition tenant = tenant(tenantId);
		Map<String, WizardField> wizardFields = new LinkedHashMap<>();
		for (WizardPage page : this.engine.definition(tenant).pages()) {
			page.fields().forEach((field) -> wizardFields.put(field.id(), field));
		}
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "hostile." + suffix + "@example.fr";
		Map<String, String> valid = valid(email, "h" + suffix, firstNames, lastName);
		Browser browser = new Browser();
		HttpResponse<String> page = browser.open(url(tenantId, "/inscription"));
		int tried = 0;
		List<String> pagesWalked = new ArrayList<>();
		while (!page.uri().getPath().endsWith("/confirmation")) {
			assertThat(page.statusCode()).as(Browser.describe(page)).isEqualTo(200);
			String path = page.uri().getPath();
			pagesWalked.add(path);
			boolean last = page.body().contains("name=\"password\"");
			Set<String> names = names(page.body());
			for (Attack attack : AttackCorpus.all()) {
				for (List<String> attacked : attackedTogether(names, attack)) {
					for (String type : accountTypes(names)) {
						tried += attack(browser, tenantId, page, path, last, names, attacked, type, attack, valid,
								wizardFields);
					}
				}
			}
			if (names.size() >= 3) {
				// all the fields of the page holding 1 M characters each: more than a
				// form
				// may carry, the French 413 page, not a 403 for a token lost with the
				// rest
				Map<String, String> form = form(browser, tenantId, page, names, valid);
				names.forEach((name) -> form.put(name, "a".repeat(1_000_000)));
				HttpResponse<String> tooLarge = browser.submit(url(tenantId, path), form);
				assertThat(tooLarge.statusCode()).isEqualTo(413);
				assertThat(text(tooLarge)).contains("Envoi trop volumineux");
			}
			HttpResponse<String> current = browser.open(url(tenantId, path));
			page = browser.submit(url(tenantId, path), form(browser, tenantId, current, names(current.body()), valid));
			assertThat(page.uri().getPath()).as("valid values accepted on " + path + ": " + Browser.describe(page))
				.isNotEqualTo(path);
		}
		assertThat(tried).isGreaterThan(AttackCorpus.all().size() * 5);
		System.out.println("[hostile] " + tenantId + ": " + tried + " (attack, field) pairs over " + pagesWalked);

		// the commune's own confirmation words
		String intro = tenant.steps()
			.stream()
			.filter((step) -> step.type() == StepType.CONFIRMATION)
			.findFirst()
			.orElseThrow()
			.intro();
		assertThat(text(page)).contains(intro.lines().findFirst().orElseThrow().strip());
		String username = (tenant.usernameMode() == TenantDefinition.UsernameMode.EMAIL) ? email
				: valid.get("username");
		UserRepresentation user = new RealmUsers(this.clusters).user(tenant, username);
		assertThat(user.getFirstName()).isEqualTo(firstNames);
		assertThat(user.getLastName()).isEqualTo(lastName);
		if (tenantId.equals("ccve")) {
			// active at once: the citizen sees their name, and the stored markup escaped
			HttpResponse<String> monEspace = signInAs(tenantId, username);
			assertThat(text(monEspace)).contains(firstNames + " " + lastName);
			assertThat(AttackCorpus.reflectedAsMarkup(monEspace.body(), STORED_MARKUP)).isFalse();
		}
	}

	private int attack(Browser browser, String tenantId, HttpResponse<String> page, String path, boolean last,
			Set<String> names, List<String> attacked, String accountType, Attack attack, Map<String, String> valid,
			Map<String, WizardField> wizardFields) throws Exception {
		Map<String, String> form = form(browser, tenantId, page, names, valid);
		attacked.forEach((name) -> form.put(name, attack.value()));
		if (!accountType.isEmpty() && !attacked.contains("accountType")) {
			form.put("accountType", accountType);
		}
		if (last) {
			// the confirmation never matches: the last page is checked, never submitted
			form.put("passwordConfirmation", "autre chose");
		}
		HttpResponse<String> answer = browser.submit(url(tenantId, path), form);
		String where = tenantId + " " + path + " " + accountType + " ← " + attack.name() + ": ";
		assertThat(answer.statusCode()).as(where + Browser.describe(answer)).isLessThan(500);
		assertThat(AttackCorpus.reflectedAsMarkup(answer.body(), attack.value())).as(where + "reflected").isFalse();
		for (String name : attacked) {
			WizardField field = wizardFields.get(name);
			if (field == null || !asked(name, accountType)) {
				continue;
			}
			String message = switch (attack.expectation()) {
				case CONTROL -> "« " + field.label() + " » contient des caractères non autorisés";
				case LONG -> "« " + field.label() + " » ne doit pas dépasser " + field.maxLength() + " caractères";
				// Keycloak would refuse it at the very end: refused here, in French
				case ANY -> (NAMES_SENT_TO_KEYCLOAK.contains(name) && attack.value().contains("<"))
						? "« " + field.label() + " » ne peut pas contenir ces caractères" : null;
			};
			if (message != null) {
				assertThat(answer.uri().getPath()).as(where + name + " refused").isEqualTo(path);
				assertThat(errorNextTo(answer.body(), name)).as(where + name + ": message next to the field")
					.contains(message);
				assertThat(text(answer)).as(where + name + ": summary").contains(message);
			}
		}
		if (!answer.uri().getPath().equals(path)) {
			// accepted: the page shown again holds it escaped
			HttpResponse<String> again = browser.open(url(tenantId, path));
			assertThat(again.statusCode()).as(where + Browser.describe(again)).isLessThan(500);
			assertThat(AttackCorpus.reflectedAsMarkup(again.body(), attack.value()))
				.as(where + "stored and shown as markup")
				.isFalse();
		}
		return attacked.size();
	}

	/**
	 * The fields attacked together: all of the page's at once, or one by one for a value
	 * so long that several would exceed what a form may carry (tested on its own).
	 */
	private static List<List<String>> attackedTogether(Set<String> names, Attack attack) {
		List<String> all = names.stream().filter((name) -> !name.equals("accountType")).toList();
		if (attack.value().length() > 100_000) {
			return all.stream().map(List::of).toList();
		}
		List<List<String>> groups = new ArrayList<>(List.of(all));
		if (names.contains("accountType")) {
			groups.add(List.of("accountType"));
		}
		return groups;
	}

	/**
	 * On the account type page, organisations of each kind, so all their fields are
	 * asked.
	 */
	private static List<String> accountTypes(Set<String> names) {
		return names.contains("accountType") ? List.of("association", "company") : List.of("");
	}

	private static boolean asked(String name, String accountType) {
		return !(name.equals("rna") && accountType.equals("company"))
				&& !(name.equals("siret") && accountType.equals("association"));
	}

	private HttpResponse<String> signInAs(String tenantId, String username) throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.open(url(tenantId, "/mon-espace"));
		return browser.submit(Browser.formAction(login.body()), Map.of("username", username, "password", PASSWORD));
	}

	private Map<String, String> form(Browser browser, String tenantId, HttpResponse<String> page, Set<String> names,
			Map<String, String> valid) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf(page));
		form.put("action", "next");
		for (String name : names) {
			if (name.equals("captcha") || name.equals("captchaAnswer")) {
				form.put(name, captcha(browser, tenantId));
			}
			else if (valid.containsKey(name)) {
				form.put(name, valid.get(name));
			}
		}
		return form;
	}

	private String captcha(Browser browser, String tenantId) {
		String draft = browser.cookie(tenantId + ".localhost", "espace_inscription");
		String json = this.jdbc.queryForObject(
				"select security_challenge from t_" + tenantId + ".wizard_draft where id = ?", String.class,
				UUID.fromString(draft));
		return (json != null) ? JsonMapper.builder().build().readTree(json).get("target").asString() : "";
	}

	private static Set<String> names(String html) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = NAMES.matcher(html);
		while (matcher.find()) {
			if (!matcher.group(1).equals("_csrf")) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/** The field's block (its label, error and input) as raw HTML. */
	private static String errorNextTo(String html, String name) {
		int input = html.indexOf("name=\"" + name + "\"");
		int block = html.lastIndexOf("<div class=\"field", input);
		return (input < 0 || block < 0) ? "" : org.springframework.web.util.HtmlUtils
			.htmlUnescape(html.substring(block, input).replaceAll("<[^>]+>", " "));
	}

	private static Map<String, String> valid(String email, String username, String firstNames, String lastName) {
		Map<String, String> valid = new LinkedHashMap<>();
		valid.put("accountType", "personal");
		valid.put("consent", "accept");
		valid.put("cguAccepted", "yes");
		valid.put("civility", "Madame");
		valid.put("lastName", lastName);
		valid.put("birthName", lastName);
		valid.put("firstNames", firstNames);
		valid.put("birthDate", "01/05/1975");
		valid.put("birthCountry", "France");
		valid.put("birthDepartment", "95");
		valid.put("birthCity", "Pontoise");
		valid.put("addressSearch", "1 place Pierre et Marie Curie 94260 Fresnes");
		valid.put("streetNumber", "15");
		valid.put("streetName", "Rue de la Mairie");
		valid.put("building", STORED_MARKUP);
		valid.put("apartment", "<script>alert('xss')</script>");
		valid.put("complement", "' OR 1=1 --");
		valid.put("postalCode", "94260");
		valid.put("city", "Fresnes");
		valid.put("country", "France");
		valid.put("phone", "01 49 84 56 56");
		valid.put("mobile", "06 12 34 56 78");
		valid.put("email", email);
		valid.put("preferredContact", "courriel");
		valid.put("username", username);
		valid.put("password", PASSWORD);
		valid.put("passwordConfirmation", PASSWORD);
		return valid;
	}

}
