package fr.espacecommun.accountimport.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff's import of pre-provisioned accounts over real HTTP, with the real Keycloak
 * realms, PostgreSQL and SMTP: preview, confirmation, background creation, mails,
 * idempotence, refused files and another commune's import.
 */
class AccountImportTests extends LiveServerTest {

	private static final Pattern IMPORT_PATH = Pattern.compile("/admin/import/([0-9a-f-]{36})");

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private CitizenRecords records;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void velizyImportWhenThreeRowsConfirmedThenThreeAccountsCreatedAndMailedWithCredentials() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		String run = unique();
		String[] emails = { "helene." + run + "@example.org", "jean-paul." + run + "@example.org",
				"zoe." + run + "@example.org" };
		String key = "23456-" + run.substring(0, 6).toUpperCase();
		String csv = "nom;prenoms;courriel;enfance;action-sociale\n" + "Lefèvre;Hélène;" + emails[0] + ";" + key + ";\n"
				+ "Martin;Jean-Paul;" + emails[1] + ";;\n" + "N'Diaye;Zoé;" + emails[2].toUpperCase() + ";;\n";

		HttpResponse<String> preview = upload(staff, "velizy", "comptes.csv", csv);

		assertThat(preview.statusCode()).as(() -> Browser.describe(preview)).isEqualTo(200);
		assertThat(text(preview)).contains("Aperçu de l'import",
				"Fichier « comptes.csv » déposé par " + staff.username(), "3 compte(s) à créer", "0 déjà créé(s)",
				"0 ligne(s) refusée(s)", "Créer les 3 comptes", "Rien n'a encore été créé.");
		for (String email : emails) {
			assertThat(usersWithEmail(tenant("velizy"), email)).as("no account before confirmation").isEmpty();
		}

		HttpResponse<String> done = confirmAndWait(staff, "velizy", preview);

		assertThat(text(done)).contains("Import terminé", "3 / 3 comptes créés",
				"3 compte(s) créé(s), chacun prévenu par courriel", "0 en erreur");
		for (String email : emails) {
			ReceivedMail mail = ReceivedMail.to(email);
			assertThat(mail.fromAddress()).isEqualTo("nepasrepondre-velizy@espace-commun.fr");
			String username = line(mail.text(), "Nom d'utilisateur : ");
			assertThat(line(mail.text(), "Mot de passe : ")).hasSizeGreaterThanOrEqualTo(16);
			assertThat(mail.activationLink()).startsWith("http://velizy.localhost:8080/activation/");
			List<UserRepresentation> users = usersWithEmail(tenant("velizy"), email);
			assertThat(users).hasSize(1);
			assertThat(users.get(0).getUsername()).isEqualTo(username);
			assertThat(users.get(0).isEnabled()).as("enabled once personalised").isFalse();
			assertThat(text(done)).contains("Créé (identifiant : " + username + ")");
		}
		UserRepresentation helene = usersWithEmail(tenant("velizy"), emails[0]).get(0);
		assertThat(helene.getFirstName()).isEqualTo("Hélène");
		assertThat(helene.getLastName()).isEqualTo("Lefèvre");
		assertThat(this.records.serviceKeys(tenant("velizy"), helene.getId()).get("enfance").value()).isEqualTo(key);

		HttpResponse<String> journal = staff.browser().open(url("velizy", "/admin/journal"));
		assertThat(text(journal)).contains("Import de comptes lancé", "3 compte(s) à créer",
				"Import de comptes terminé", "3 créé(s), 0 déjà créé(s), 0 en erreur, 0 ligne(s) refusée(s)",
				"comptes.csv");
	}

	@Test
	void velizyImportWhenBadRowsThenEachReportedByLineAndOnlyValidRowCreatedOnConfirmation() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		String run = unique();
		String good = "bon." + run + "@example.org";
		String noName = "sans-nom." + run + "@example.org";
		String badKey = "mauvaise-cle." + run + "@example.org";
		String csv = "Nom;Prénom(s);Courriel;Enfance\r\n" + "Durand;Paul;" + good + ";\r\n"
				+ "Petit;Anne;anne.petit@;\r\n" + ";Luc;" + noName + ";\r\n" + "Roux;Léa;" + badKey + ";123-AB\r\n";

		HttpResponse<String> preview = upload(staff, "velizy", "avec-erreurs.csv", csv);

		assertThat(text(preview)).contains("1 compte(s) à créer", "3 ligne(s) refusée(s)", "Lignes refusées",
				"Ligne 3 : Le champ « Courriel » doit contenir une adresse de courriel valide, par exemple nom@exemple.fr.",
				"Ligne 4 : Le champ « Nom » est obligatoire.",
				"Ligne 5 : La clé « Enfance » n'a pas le bon format : elle doit ressembler à 23456-B7J8K2.",
				"Créer le compte");
		assertThat(usersWithEmail(tenant("velizy"), good)).isEmpty();

		HttpResponse<String> done = confirmAndWait(staff, "velizy", preview);

		assertThat(text(done)).contains("1 / 1 comptes créés", "3 ligne(s) refusée(s)");
		assertThat(usersWithEmail(tenant("velizy"), good)).hasSize(1);
		assertThat(usersWithEmail(tenant("velizy"), noName)).isEmpty();
		assertThat(usersWithEmail(tenant("velizy"), badKey)).isEmpty();
		assertThat(text(staff.browser().open(url("velizy", "/admin/journal"))))
			.contains("1 créé(s), 0 déjà créé(s), 0 en erreur, 3 ligne(s) refusée(s)");
	}

	@Test
	void villennesImportWhenSameFileTwiceThenSecondRunCreatesNothingAndSaysSo() throws Exception {
		SignedIn staff = signInAsAdmin("villennes");
		String run = unique();
		String first = "ancien1." + run + "@example.org";
		String second = "ancien2." + run + "@example.org";
		String csv = "nom,prenoms,courriel\n" + "Bernard,Claire," + first + "\n" + "Bernard,Marc," + second + "\n";
		confirmAndWait(staff, "villennes", upload(staff, "villennes", "portail-famille.csv", csv));
		assertThat(usersWithEmail(tenant("villennes"), first)).hasSize(1);

		HttpResponse<String> again = upload(staff, "villennes", "portail-famille.csv", csv);

		assertThat(text(again)).contains("0 compte(s) à créer", "2 déjà créé(s)",
				"Aucun compte à créer : les 2 compte(s) de ce fichier existent déjà.");
		assertThat(text(again)).doesNotContain("Créer les");
		// a forged confirmation starts nothing either
		HttpResponse<String> forced = staff.browser()
			.submit(url("villennes", "/admin/import/" + importId(again) + "/creer"), Map.of("_csrf", csrf(again)));
		assertThat(text(forced)).contains("Aperçu de l'import", "0 compte(s) à créer");
		assertThat(usersWithEmail(tenant("villennes"), first)).hasSize(1);
		assertThat(usersWithEmail(tenant("villennes"), second)).hasSize(1);
		assertThat(ReceivedMail.all(first)).hasSize(1);
		assertThat(ReceivedMail.all(second)).hasSize(1);
	}

	@Test
	void velizyImportWhenRunningThenProgressPageRefreshesItselfUntilTheSummary() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		String run = unique();
		StringBuilder csv = new StringBuilder("nom;prenoms;courriel\n");
		for (int i = 0; i < 12; i++) {
			csv.append("Famille")
				.append(i)
				.append(";Camille;famille")
				.append(i)
				.append('.')
				.append(run)
				.append("@example.org\n");
		}
		HttpResponse<String> preview = upload(staff, "velizy", "douze.csv", csv.toString());
		String id = importId(preview);

		HttpResponse<String> running = staff.browser()
			.submit(url("velizy", "/admin/import/" + id + "/creer"), Map.of("_csrf", csrf(preview)));

		assertThat(text(running)).as(() -> Browser.describe(running))
			.contains("Création des comptes en cours", "/ 12 comptes créés", "Actualiser la page");
		assertThat(running.body()).contains("<meta http-equiv=\"refresh\" content=\"3\">", "data-import-progress");
		HttpResponse<String> state = staff.browser().get(url("velizy", "/admin/import/" + id + "/etat"));
		assertThat(state.body()).contains("\"toCreate\":12");
		HttpResponse<String> done = waitUntilDone(staff, "velizy", id);
		assertThat(text(done)).contains("Import terminé", "12 / 12 comptes créés");
		assertThat(done.body()).doesNotContain("http-equiv=\"refresh\"");
		// the state lives in the database: a new visit finds the same summary
		assertThat(text(staff.browser().open(url("velizy", "/admin/import")))).contains("douze.csv", "Terminé",
				"12 / 12");
	}

	@Test
	void velizyImportWhenItsInstanceStoppedMidwayThenNextVisitResumesItWithoutDuplicates() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		String run = unique();
		String csv = "nom;prenoms;courriel\nRoux;Léa;lea." + run + "@example.org\nRoux;Tom;tom." + run
				+ "@example.org\n";
		HttpResponse<String> preview = upload(staff, "velizy", "reprise.csv", csv);
		String id = importId(preview);
		// as an instance leaves it when stopped right after the confirmation: running,
		// silent
		this.jdbc.update(
				"UPDATE t_velizy.account_import SET state = 'RUNNING', confirmed_by = ?,"
						+ " confirmed_at = now(), heartbeat_at = now() - interval '10 minutes' WHERE id = ?::uuid",
				staff.username(), id);

		HttpResponse<String> done = waitUntilDone(staff, "velizy", id);

		assertThat(text(done)).contains("Import terminé", "2 / 2 comptes créés");
		assertThat(usersWithEmail(tenant("velizy"), "lea." + run + "@example.org")).hasSize(1);
		assertThat(ReceivedMail.all("tom." + run + "@example.org")).hasSize(1);
	}

	@Test
	void velizyImportWhenFileIsBinaryOrNotUtf8ThenRefusedInFrenchWhateverItsName() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

		HttpResponse<String> binary = upload(staff, "velizy", "comptes.csv", "text/csv", png);

		assertThat(binary.statusCode()).isEqualTo(400);
		assertThat(text(binary)).contains("Le formulaire contient 1 erreur(s)", "href=\"#fichier\"",
				"Ce fichier n'est pas un fichier texte CSV.");
		HttpResponse<String> latin1 = upload(staff, "velizy", "comptes.csv", "text/csv",
				"nom;prenoms;courriel\nLefèvre;Hélène;h@example.org\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(latin1.statusCode()).isEqualTo(400);
		assertThat(text(latin1)).contains("Le fichier n'est pas encodé en UTF-8");
		HttpResponse<String> xlsx = upload(staff, "velizy", "comptes.csv", "text/csv",
				new byte[] { 'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0 });
		assertThat(text(xlsx)).contains("Ce fichier est un classeur (Excel ou LibreOffice), pas un fichier CSV.");
	}

	@Test
	void velizyImportWhenOverTwoMegabytesThenRefusedInFrench() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		StringBuilder csv = new StringBuilder("nom;prenoms;courriel\n");
		while (csv.length() < 5 * 1024 * 1024 / 2) {
			csv.append("Martin;Paul;paul.martin@example.org\n");
		}

		HttpResponse<String> page = upload(staff, "velizy", "gros.csv", csv.toString());

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page)).contains("Le fichier est trop volumineux (2,5 Mo) : il doit faire 2 Mo au plus.");
		assertThat(text(staff.browser().open(url("velizy", "/admin/import")))).doesNotContain("gros.csv");
	}

	@Test
	void villennesImportPageWhenVelizyImportIdThenNotFound() throws Exception {
		SignedIn velizy = signInAsAdmin("velizy");
		HttpResponse<String> preview = upload(velizy, "velizy", "velizy.csv",
				"nom;prenoms;courriel\nLefèvre;Hélène;secret." + unique() + "@example.org\n");
		String id = importId(preview);
		SignedIn villennes = signInAsAdmin("villennes");

		HttpResponse<String> page = villennes.browser().get(url("villennes", "/admin/import/" + id));
		HttpResponse<String> state = villennes.browser().get(url("villennes", "/admin/import/" + id + "/etat"));
		HttpResponse<String> own = villennes.browser().open(url("villennes", "/admin/import"));
		HttpResponse<String> confirm = villennes.browser()
			.submit(url("villennes", "/admin/import/" + id + "/creer"), Map.of("_csrf", csrf(own)));

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(state.statusCode()).isEqualTo(404);
		assertThat(confirm.statusCode()).isEqualTo(404);
		assertThat(page.body()).doesNotContain("velizy.csv", "Lefèvre");
		assertThat(text(velizy.browser().open(url("velizy", "/admin/import/" + id)))).contains("Aperçu de l'import");
		// a commune that does not create accounts itself has no import page
		assertThat(signInAsAdmin("fresnes").browser().get(url("fresnes", "/admin/import")).statusCode()).isEqualTo(404);
	}

	@Test
	void velizyImportPageWhenOpenedThenDocumentsColumnsAndOffersExampleFile() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");

		HttpResponse<String> page = staff.browser().open(url("velizy", "/admin/import"));
		HttpResponse<String> example = staff.browser().get(url("velizy", "/admin/import/exemple.csv"));

		assertThat(text(page)).contains("Importer des comptes", "Format du fichier", "courriel", "prenoms",
				"Clé de service « Enfance »", "action-sociale", "23456-B7J8K2", "Télécharger un fichier d'exemple");
		assertThat(page.body()).contains("<label for=\"fichier\"", "enctype=\"multipart/form-data\"",
				"<th scope=\"col\"");
		assertThat(example.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(example.body()).contains("nom;prenoms;courriel;enfance;action-sociale",
				"Lefèvre;Hélène;helene.lefevre@example.org;23456-B7J8K2;");
		// the example passes its own preview
		HttpResponse<String> preview = upload(staff, "velizy", "exemple.csv", "text/csv",
				example.body().getBytes(StandardCharsets.UTF_8));
		assertThat(text(preview)).contains("0 ligne(s) refusée(s)");
	}

	private HttpResponse<String> upload(SignedIn staff, String tenantId, String fileName, String csv) throws Exception {
		return upload(staff, tenantId, fileName, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> upload(SignedIn staff, String tenantId, String fileName, String contentType,
			byte[] content) throws Exception {
		HttpResponse<String> form = staff.browser().open(url(tenantId, "/admin/import"));
		return staff.browser()
			.upload(url(tenantId, "/admin/import"), Map.of("_csrf", csrf(form)), "fichier", fileName, contentType,
					content);
	}

	private HttpResponse<String> confirmAndWait(SignedIn staff, String tenantId, HttpResponse<String> preview)
			throws Exception {
		String id = importId(preview);
		staff.browser().submit(url(tenantId, "/admin/import/" + id + "/creer"), Map.of("_csrf", csrf(preview)));
		return waitUntilDone(staff, tenantId, id);
	}

	private HttpResponse<String> waitUntilDone(SignedIn staff, String tenantId, String id) throws Exception {
		// Keycloak creates about 12 accounts a second on a quiet machine; shared machines
		// are slower
		long deadline = System.currentTimeMillis() + 180_000;
		while (true) {
			HttpResponse<String> page = staff.browser().open(url(tenantId, "/admin/import/" + id));
			if (text(page).contains("Import terminé") || System.currentTimeMillis() > deadline) {
				return page;
			}
			Thread.sleep(500);
		}
	}

	private static String importId(HttpResponse<String> page) {
		Matcher matcher = IMPORT_PATH.matcher(page.uri().getPath());
		assertThat(matcher.matches()).as(() -> Browser.describe(page)).isTrue();
		return matcher.group(1);
	}

	private List<UserRepresentation> usersWithEmail(TenantDefinition tenant, String email) {
		return new ArrayList<>(new RealmUsers(this.clusters).realm(tenant).users().searchByEmail(email, true));
	}

	private static String line(String text, String prefix) {
		return text.lines()
			.map(String::strip)
			.filter((l) -> l.startsWith(prefix))
			.map((l) -> l.substring(prefix.length()).strip())
			.findFirst()
			.orElseThrow(() -> new AssertionError("No line " + prefix + " in " + text));
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
