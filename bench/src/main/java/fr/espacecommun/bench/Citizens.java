package fr.espacecommun.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each commune's citizen types at each wizard page (the same values as the wizard's
 * end-to-end tests), and the walk through the pages as a browser does it: GET the page,
 * POST its form with the CSRF token, follow the redirect.
 * <p>
 * The security check (Fresnes, CCPLM) is answered through its accessible alternative, the
 * text question printed beside the pictures ("combien font trois plus quatre ?"), exactly
 * as a person who cannot see the pictures answers it: no test hook, no backdoor.
 */
final class Citizens {

	static final String PASSWORD = "Soleil-2026-Fort";

	/** Réessayer pressed at most this many times after a busy page. */
	private static final int MAX_BUSY = 10;

	/** Time a person takes to read the busy page and press Réessayer. */
	private static final long BUSY_PAUSE_MILLIS = 5000;

	/** The communes whose citizens register themselves. */
	static final List<String> SELF_REGISTERING = List.of("fresnes", "ccplm", "ccve", "villennes");

	private static final Pattern QUESTION = Pattern.compile("combien font ([a-zé]+) plus ([a-zé]+) \\?");

	private static final List<String> NUMBERS = List.of("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept",
			"huit", "neuf");

	private Citizens() {
	}

	/** Username (and mailbox) of the n-th citizen of a run. */
	static String username(String run, String tenant, int n) {
		return "load" + run + tenant.substring(0, 3) + n;
	}

	static String email(String run, String tenant, int n) {
		return username(run, tenant, n) + "@example.fr";
	}

	/** The login Keycloak keeps: CCVE uses the e-mail address. */
	static String login(String run, String tenant, int n) {
		return "ccve".equals(tenant) ? email(run, tenant, n) : username(run, tenant, n);
	}

	/** What the citizen types on the page of this slug. */
	static Map<String, String> values(String tenant, String slug, String run, int n) {
		Map<String, String> form = new LinkedHashMap<>();
		String email = email(run, tenant, n);
		String username = username(run, tenant, n);
		switch (tenant + "/" + slug) {
			case "fresnes/cgu", "ccplm/cgu", "villennes/cgu", "ccve/cgu" -> form.put("cguAccepted", "yes");
			case "fresnes/identity" -> put(form, "civility", "Madame", "lastName", "Curie", "firstNames", "Marie");
			case "fresnes/address" ->
				put(form, "addressSearch", "1 place Pierre et Marie Curie 94260 Fresnes", "building", "A");
			case "fresnes/contact" ->
				put(form, "phone", "01 49 84 56 56", "email", email, "preferredContact", "courriel");
			case "ccplm/identity" ->
				put(form, "civility", "Monsieur", "lastName", "BOYET", "firstNames", "Marc", "birthDate", "01/05/1975",
						"birthCountry", "FRANCE", "birthDepartment", "95", "birthCity", "Pontoise");
			case "ccplm/address" -> put(form, "streetNumber", "15", "streetName", "Rue de la Mairie", "postalCode",
					"11150", "city", "Bram", "country", "France");
			case "ccplm/contact" -> put(form, "email", email);
			case "villennes/identity" -> put(form, "civility", "Madame", "lastName", "Langlois", "firstNames", "Nadia");
			case "villennes/contact" ->
				put(form, "mobile", "06 12 34 56 78", "email", email, "preferredContact", "mobile");
			case "ccve/account-type" -> put(form, "accountType", "personal");
			case "ccve/consent" -> put(form, "consent", "accept");
			case "ccve/identity" ->
				put(form, "civility", "Monsieur", "lastName", "Groupe Fictif", "firstNames", "Test");
			case "ccve/contact" -> put(form, "phone", "01 64 93 21 20", "email", email);
			case "ccve/credentials" -> put(form, "password", PASSWORD, "passwordConfirmation", PASSWORD);
			case "fresnes/credentials", "ccplm/credentials", "villennes/credentials" ->
				put(form, "username", username, "password", PASSWORD, "passwordConfirmation", PASSWORD);
			default -> {
			}
		}
		return form;
	}

	/**
	 * Walks the whole wizard; returns the confirmation page. Each request is timed as
	 * {@code GET <slug>} or {@code POST <slug>}.
	 */
	static Browser.Page register(Browser browser, String tenant, String run, int n) {
		String path = browser.get("GET /inscription", "/inscription").expect(302).location();
		int busy = 0;
		for (int pages = 0; pages < 15; pages++) {
			String slug = path.substring(path.lastIndexOf('/') + 1);
			Browser.Page page = browser.get("GET " + slug, path).expect(200);
			Map<String, String> form = values(tenant, slug, run, n);
			form.put("action", "next");
			form.put("_csrf", page.csrf());
			answerSecurityCheck(page.body(), form);
			Browser.Page answer = browser.post("POST " + slug, path, form);
			if (answer.status() == 503 && answer.body().contains("momentanément indisponible") && busy < MAX_BUSY) {
				// as a person does: reads the page, waits, presses Réessayer (same page,
				// kept values, the password typed again)
				busy++;
				browser.busy();
				pause(BUSY_PAUSE_MILLIS);
				pages--;
				continue;
			}
			String next = answer.expect(302).location();
			if (next.endsWith("/inscription/confirmation")) {
				return browser.get("GET confirmation", next).expect(200);
			}
			path = next;
		}
		throw new Browser.StepFailed("wizard of " + tenant + " never ended");
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Browser.StepFailed("interrupted");
		}
	}

	/** Answers the text question of the security check, when the page has one. */
	static void answerSecurityCheck(String body, Map<String, String> form) {
		Matcher matcher = QUESTION.matcher(body);
		if (matcher.find()) {
			int sum = NUMBERS.indexOf(matcher.group(1)) + NUMBERS.indexOf(matcher.group(2));
			form.put("captchaAnswer", Integer.toString(sum));
		}
	}

	/** What the confirmation page says for each commune's rule. */
	static String confirmationText(String tenant) {
		return switch (tenant) {
			case "ccve" -> "Votre espace a bien été activé";
			case "villennes" -> "Elle sera effective au plus tard le";
			default -> "Votre espace a bien été créé.";
		};
	}

	private static void put(Map<String, String> form, String... pairs) {
		for (int i = 0; i < pairs.length; i += 2) {
			form.put(pairs[i], pairs[i + 1]);
		}
	}

}
