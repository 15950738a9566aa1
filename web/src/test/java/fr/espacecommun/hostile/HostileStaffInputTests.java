package fr.espacecommun.hostile;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import fr.espacecommun.wizard.FieldRules;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff pages' fields (CGU, password policy, required fields, refusal reason,
 * citizens search, CSV imports) and Mon espace's forms fed the attack corpus over real
 * HTTP: never a 500, never the value sent back as markup on the page nor later in the
 * journal or a mail, French refusals for control characters and over-long values.
 */
class HostileStaffInputTests extends LiveServerTest {

	private static final Pattern NAMES = Pattern.compile("<(?:input|select|textarea)\\b[^>]*\\bname=\"([^\"]+)\"");

	@Autowired
	private RegistrationService registration;

	@Autowired
	private KeycloakClusters clusters;

	@Test
	void adminFormsWhenFedTheCorpusThenNo500AndNothingReflectedThenOrLater() throws Exception {
		TenantDefinition commune = newCommuneLike("villennes");
		SignedIn admin = signInAsAdmin(commune.id());
		int tried = 0;
		tried += attackForm(admin, commune.id(), "/admin/cgu", Map.of("action", "preview"));
		tried += attackForm(admin, commune.id(), "/admin/mot-de-passe", Map.of("action", "check"));
		tried += attackForm(admin, commune.id(), "/admin/champs", Map.of());
		for (Attack attack : AttackCorpus.all()) {
			if (attack.value().length() > 100_000) {
				continue; // an URL that long is cut by any server: a 400, not a page
			}
			for (String path : List.of("/admin/usagers?q=", "/admin/journal?page=", "/admin/cles?page=",
					"/admin/cgu/versions/")) {
				HttpResponse<String> answer = admin.browser()
					.open(url(commune.id(), path + URLEncoder.encode(attack.value(), StandardCharsets.UTF_8)));
				tried++;
				check(path + " ← " + attack.name(), answer, attack);
			}
		}
		// what was accepted shows escaped everywhere afterwards
		for (String page : List.of("/admin/journal", "/admin/champs", "/admin/cgu", "/admin/cgu/versions",
				"/admin/mot-de-passe")) {
			HttpResponse<String> later = admin.browser().open(url(commune.id(), page));
			for (Attack attack : AttackCorpus.all()) {
				check(page + " later, " + attack.name(), later, attack);
			}
		}
		System.out.println("[hostile] staff forms: " + tried + " attack submissions");
	}

	@Test
	void rejectReasonWhenHostileThenRefusedInFrenchOrEscapedOnPagesAndInTheMail() throws Exception {
		TenantDefinition villennes = tenant("villennes");
		SignedIn admin = signInAsAdmin("villennes");
		Pending pending = pending(villennes);
		int tried = 0;
		for (Attack attack : AttackCorpus.all()) {
			HttpResponse<String> form = admin.browser()
				.open(url("villennes", "/admin/comptes/" + pending.id() + "/refus"));
			HttpResponse<String> answer = admin.browser()
				.submit(url("villennes", "/admin/comptes/" + pending.id() + "/refus"),
						Map.of("_csrf", csrf(form), "reason", attack.value()));
			tried++;
			check("refus ← " + attack.name(), answer, attack);
			if (attack.expectation() == Expectation.LONG) {
				assertThat(text(answer)).as(attack.name()).contains("1000 caractères");
			}
			if (attack.expectation() == Expectation.CONTROL
					&& FieldRules.hasControlCharacters(attack.value().replaceAll("[\r\n\t]", ""))) {
				// line breaks are welcome in a reason, NUL and overrides are not
				assertThat(text(answer)).as(attack.name()).contains("Le motif contient des caractères non autorisés");
			}
			if (answer.uri().getPath().equals("/admin/comptes")) {
				ReceivedMail mail = ReceivedMail.awaitCount(pending.email(), 2).get(0);
				assertThat(mail.subject()).doesNotContain("\n", "\r");
				assertThat(AttackCorpus.reflectedAsMarkup(mail.html(), attack.value())).as("mail " + attack.name())
					.isFalse();
				check("journal after " + attack.name(), admin.browser().open(url("villennes", "/admin/journal")),
						attack);
				pending = pending(villennes);
			}
		}
		System.out.println("[hostile] reject reason: " + tried + " attack submissions");
	}

	@Test
	void csvUploadsWhenCellsAreHostileThenPreviewEscapedAndFrenchReasons() throws Exception {
		SignedIn admin = signInAsAdmin("velizy");
		StringBuilder accounts = new StringBuilder("nom;prenoms;courriel;enfance;action-sociale\n");
		int rows = 0;
		for (Attack attack : AttackCorpus.all()) {
			if (attack.value().length() > 100_000
					|| FieldRules.hasControlCharacters(attack.value().replaceAll("[\r\n\t]", ""))) {
				// a file with NUL or ESC is not a text CSV: refused whole, below
				continue;
			}
			String cell = "\"" + attack.value().replace("\"", "\"\"") + "\"";
			accounts.append(cell).append(';').append(cell).append(';').append(cell).append(";;\n");
			accounts.append("Martin;")
				.append(cell)
				.append(";ok")
				.append(rows)
				.append("@example.org;")
				.append(cell)
				.append(";\n");
			rows += 2;
		}
		HttpResponse<String> form = admin.browser().open(url("velizy", "/admin/import"));
		HttpResponse<String> preview = admin.browser()
			.upload(url("velizy", "/admin/import"), Map.of("_csrf", csrf(form)), "fichier", "hostile.csv", "text/csv",
					accounts.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(preview.statusCode()).as(Browser.describe(preview)).isLessThan(500);
		for (Attack attack : AttackCorpus.all()) {
			check("import preview " + attack.name(), preview, attack);
		}
		assertThat(text(preview)).as(Browser.describe(preview)).contains("ligne(s) refusée(s)");
		HttpResponse<String> again = admin.browser().open(url("velizy", "/admin/import"));
		HttpResponse<String> binary = admin.browser()
			.upload(url("velizy", "/admin/import"), Map.of("_csrf", csrf(again)), "fichier", "nul.csv", "text/csv",
					"nom;prenoms;courriel\nDupont\0;Marie;m@example.org\n".getBytes(StandardCharsets.UTF_8));
		assertThat(binary.statusCode()).isLessThan(500);
		assertThat(text(binary)).contains("Ce fichier n'est pas un fichier texte CSV");
		System.out.println("[hostile] import: " + rows + " hostile rows");
	}

	@Test
	void uploadWhenOverTheRequestLimitThenFrench413NotA500NorA403() throws Exception {
		SignedIn admin = signInAsAdmin("velizy");
		HttpResponse<String> form = admin.browser().open(url("velizy", "/admin/import"));
		byte[] huge = new byte[12 * 1024 * 1024];
		java.util.Arrays.fill(huge, (byte) 'a');

		HttpResponse<String> answer = admin.browser()
			.upload(url("velizy", "/admin/import"), Map.of("_csrf", csrf(form)), "fichier", "enorme.csv", "text/csv",
					huge);

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(text(answer)).contains("Envoi trop volumineux", "10 Mo au plus pour un fichier");
	}

	@Test
	void monEspaceFormsWhenFedTheCorpusThenRefusedInFrenchAndNothingReflected() throws Exception {
		SignedIn citizen = signInAsCitizen("fresnes");
		int tried = 0;
		HttpResponse<String> page = citizen.browser().open(url("fresnes", "/mon-espace"));
		for (String form : List.of("/mon-espace/coordonnees", "/mon-espace/cles", "/mon-espace/mot-de-passe")) {
			Set<String> names = names(page.body(), form);
			for (Attack attack : AttackCorpus.all()) {
				Map<String, String> values = new LinkedHashMap<>();
				values.put("_csrf", csrf(page));
				names.forEach((name) -> values.put(name, attack.value()));
				if (form.endsWith("mot-de-passe")) {
					// never changed: the confirmation differs
					values.put("confirmation", "autre chose");
				}
				HttpResponse<String> answer = citizen.browser().submit(url("fresnes", form), values);
				tried += names.size();
				check(form + " ← " + attack.name(), answer, attack);
				if (attack.value().length() * names.size() > 2_000_000) {
					// more than a form may carry
					assertThat(answer.statusCode()).isEqualTo(413);
					assertThat(text(answer)).contains("Envoi trop volumineux");
				}
				else if (form.endsWith("cles") && attack.expectation() != Expectation.ANY) {
					// the wizard's rule for a key, and its words for what is wrong
					assertThat(answer.statusCode()).as(form + " " + attack.name()).isEqualTo(400);
					assertThat(text(answer)).as(form + " " + attack.name())
						.contains((attack.expectation() == Expectation.CONTROL)
								? "contient des caractères non autorisés" : "ne doit pas dépasser 50 caractères");
				}
				else if (attack.expectation() != Expectation.ANY || form.endsWith("mot-de-passe")) {
					assertThat(answer.statusCode()).as(form + " " + attack.name()).isEqualTo(400);
					assertThat(text(answer)).as(form + " " + attack.name())
						.containsAnyOf("doit contenir un numéro de téléphone français", "n'a pas le bon format",
								"La confirmation ne correspond pas");
				}
			}
		}
		HttpResponse<String> later = citizen.browser().open(url("fresnes", "/mon-espace"));
		for (Attack attack : AttackCorpus.all()) {
			check("mon espace later, " + attack.name(), later, attack);
		}
		System.out.println("[hostile] mon espace: " + tried + " attack submissions");
	}

	/**
	 * Every field of the form gets each value at once; returns the (attack, field) pairs.
	 */
	private int attackForm(SignedIn admin, String tenantId, String path, Map<String, String> fixed) throws Exception {
		HttpResponse<String> page = admin.browser().open(url(tenantId, path));
		Set<String> names = names(page.body(), path);
		int tried = 0;
		for (Attack attack : AttackCorpus.all()) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("_csrf", csrf(page));
			names.forEach((name) -> values.put(name, attack.value()));
			values.putAll(fixed);
			HttpResponse<String> answer = admin.browser().submit(url(tenantId, path), values);
			tried += names.size();
			check(path + " ← " + attack.name(), answer, attack);
		}
		return tried;
	}

	private static void check(String where, HttpResponse<String> answer, Attack attack) {
		assertThat(answer.statusCode()).as(where + ": " + Browser.describe(answer)).isLessThan(500);
		assertThat(AttackCorpus.reflectedAsMarkup(answer.body(), attack.value())).as(where + " reflected").isFalse();
	}

	/** The names of the fields of the form posting to this path. */
	private static Set<String> names(String html, String action) {
		int start = html.indexOf("action=\"" + action + "\"");
		assertThat(start).as("form " + action).isNotNegative();
		String form = html.substring(start, html.indexOf("</form>", start));
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = NAMES.matcher(form);
		while (matcher.find()) {
			if (!matcher.group(1).equals("_csrf")) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	private Pending pending(TenantDefinition villennes) {
		String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String email = "refus." + unique + "@example.org";
		this.registration.submit(new RegistrationRequest(UUID.randomUUID(), villennes, "personal",
				Map.of("civility", "Madame", "lastName", "Attente", "firstNames", "Nadia", "email", email),
				"r" + unique, STAFF_PASSWORD, Map.of(), List.of(new Acceptance("cgu", villennes.terms().version(),
						villennes.terms().sha256(), Instant.now()))));
		ReceivedMail.to(email);
		return new Pending(new RealmUsers(this.clusters).user(villennes, "r" + unique).getId(), email);
	}

	private record Pending(String id, String email) {
	}

}
