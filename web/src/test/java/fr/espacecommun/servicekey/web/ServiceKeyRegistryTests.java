package fr.espacecommun.servicekey.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.activation.PreProvisioning.PreProvisionedAccount;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.servicekey.internal.ServiceKeyRegistry;
import fr.espacecommun.servicekey.internal.ServiceKeyRegistry.Counts;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service key registry over real HTTP: the back office's keys imported from CSV,
 * shown with whether a citizen's account holds them; a second import updates, never
 * duplicates; every import audited.
 */
class ServiceKeyRegistryTests extends LiveServerTest {

	@Autowired
	private PreProvisioning preProvisioning;

	@Autowired
	private CitizenRecords records;

	@Autowired
	private ServiceKeyRegistry registry;

	@Test
	void velizyKeysWhenImportedThenListedWithLinkedStatusAndReimportUpdatesWithoutDuplicates() throws Exception {
		String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
		String heldKey = "11111-" + run;
		String freeKey = "22222-" + run;
		// a citizen whose account already holds a key the registry does not know yet
		PreProvisionedAccount citizen = this.preProvisioning.create(tenant("velizy"), "Lefèvre", "Hélène",
				"cles." + run.toLowerCase() + "@example.org", Map.of("enfance", heldKey));
		assertThat(this.records.serviceKeys(tenant("velizy"), citizen.userId()).get("enfance").verified()).isFalse();
		Counts before = this.registry.counts(tenant("velizy"));
		SignedIn staff = signInAsAdmin("velizy");

		HttpResponse<String> imported = upload(staff, "cles.csv",
				"cle;service;titulaire\n" + heldKey + ";enfance;Hélène Lefèvre\n" + freeKey + ";Action sociale;\n"
						+ "123;enfance;\n" + "33333-" + run + ";cantine;\n");

		assertThat(imported.statusCode()).as(() -> Browser.describe(imported)).isEqualTo(200);
		assertThat(text(imported)).contains(
				"Import terminé : 2 clé(s) ajoutée(s), 0 mise(s) à jour, 2 ligne(s) refusée(s).",
				"Ligne 4 : La clé « Enfance » n'a pas le bon format : elle doit ressembler à 23456-B7J8K2.",
				"Ligne 5 : Le service « cantine » n'existe pas. Services possibles : enfance, action-sociale.");
		assertThat(text(imported))
			.containsPattern(heldKey + "</code></td>\\s*<td>Hélène Lefèvre</td>\\s*<td>Oui, depuis le");
		assertThat(text(imported)).containsPattern(freeKey + "</code></td>\\s*<td></td>\\s*<td>Non</td>");
		Counts after = this.registry.counts(tenant("velizy"));
		assertThat(after.total()).isEqualTo(before.total() + 2);
		assertThat(after.linked()).isEqualTo(before.linked() + 1);
		assertThat(text(imported)).contains(after.total() + " clé(s) dans le registre : " + after.linked()
				+ " liée(s) à un compte, " + after.unlinked() + " non liée(s).");
		assertThat(this.records.serviceKeys(tenant("velizy"), citizen.userId()).get("enfance").verified())
			.as("the citizen's key is now known to the registry")
			.isTrue();

		HttpResponse<String> again = upload(staff, "cles-v2.csv", "service,cle,titulaire\nenfance," + heldKey
				+ ",Hélène Lefèvre\naction-sociale," + freeKey + ",Marc Bernard\n");

		assertThat(text(again))
			.contains("Import terminé : 0 clé(s) ajoutée(s), 2 mise(s) à jour, 0 ligne(s) refusée(s).");
		assertThat(text(again)).containsPattern(freeKey + "</code></td>\\s*<td>Marc Bernard</td>");
		assertThat(this.registry.counts(tenant("velizy")).total()).isEqualTo(after.total());
		assertThat(text(staff.browser().open(url("velizy", "/admin/journal")))).contains(
				"Registre des clés de service importé", "cles.csv",
				"2 ajoutée(s), 0 mise(s) à jour, 2 ligne(s) refusée(s)", "cles-v2.csv",
				"0 ajoutée(s), 2 mise(s) à jour, 0 ligne(s) refusée(s)");
	}

	@Test
	void velizyKeysWhenFileHasUnknownColumnThenRefusedInFrenchAndNothingImported() throws Exception {
		SignedIn staff = signInAsAdmin("velizy");
		Counts before = this.registry.counts(tenant("velizy"));

		HttpResponse<String> page = upload(staff, "cles.csv", "cle;service;telephone\n44444-ABCDEF;enfance;0102\n");

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page)).contains("La colonne « telephone » de la ligne d'en-tête n'est pas reconnue. "
				+ "Colonnes possibles : cle, service, titulaire.");
		assertThat(this.registry.counts(tenant("velizy")).total()).isEqualTo(before.total());
	}

	@Test
	void villennesKeysWhenCommuneHasNoServiceKeysThenNoSuchPage() throws Exception {
		SignedIn staff = signInAsAdmin("villennes");

		assertThat(staff.browser().get(url("villennes", "/admin/cles")).statusCode()).isEqualTo(404);
		assertThat(text(staff.landing())).doesNotContain("Clés de service");
	}

	private HttpResponse<String> upload(SignedIn staff, String fileName, String csv) throws Exception {
		HttpResponse<String> form = staff.browser().open(url("velizy", "/admin/cles"));
		return staff.browser()
			.upload(url("velizy", "/admin/cles"), Map.of("_csrf", csrf(form)), "fichier", fileName, "text/csv",
					csv.getBytes(StandardCharsets.UTF_8));
	}

}
