package fr.espacecommun.rights.web;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import fr.espacecommun.activation.PreProvisioning;
import fr.espacecommun.activation.PreProvisioning.PreProvisionedAccount;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Citizens' data rights on {@code /admin/usagers}, over real HTTP with the real Keycloak
 * and PostgreSQL: a citizen registered through the registration service is found,
 * exported (every table of the tenant's schema that names them) and erased (account and
 * rows gone, proofs kept without the person), each action in the journal.
 */
class CitizenRightsTests extends LiveServerTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Random random = new Random();

	@Autowired
	private RegistrationService registration;

	@Autowired
	private PreProvisioning preProvisioning;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private DataSource dataSource;

	@Test
	void searchWhenNameEmailOrUsernameTypedThenCitizenListedWithLinkToTheirPage() throws Exception {
		Registered citizen = register("fresnes");
		SignedIn staff = signInAsAdmin("fresnes");

		for (String typed : List.of(citizen.lastName().toLowerCase(), citizen.email(), citizen.username())) {
			HttpResponse<String> page = staff.browser().get(url("fresnes", "/admin/usagers?q=" + enc(typed)));
			assertThat(page.statusCode()).as(typed).isEqualTo(200);
			assertThat(text(page)).as(typed)
				.contains("Usagers trouvés : 1", "href=\"/admin/usagers/" + citizen.id() + "\"", citizen.username(),
						"Clémence " + citizen.lastName(), citizen.email(), "Désactivé", "Profil enregistré",
						"en attente de la confirmation par courriel");
		}

		HttpResponse<String> page = staff.browser().get(url("fresnes", "/admin/usagers/" + citizen.id()));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(text(page)).contains("Usager " + citizen.username(), citizen.email(), "Clés de services",
				"Preuves d'acceptation (CGU, consentement)", "Télécharger ses données (JSON)", "Effacer cet usager");

		// staff accounts are not citizens: an agent is never listed, nor erased, here
		assertThat(text(staff.browser().get(url("fresnes", "/admin/usagers?q=" + enc(staff.username())))))
			.contains("Aucun usager de la commune ne correspond à « " + staff.username() + " »");

		HttpResponse<String> tooShort = staff.browser().get(url("fresnes", "/admin/usagers?q=a"));
		assertThat(tooShort.statusCode()).isEqualTo(400);
		assertThat(text(tooShort)).contains("Le formulaire contient 1 erreur",
				"Saisissez au moins 2 caractères dans le champ « Nom, prénom, courriel ou nom d'utilisateur ».",
				"href=\"#q\"", "value=\"a\"");
	}

	@Test
	void exportWhenCitizenRegisteredThenJsonAttachmentHoldsEveryPartAndEveryCitizenTable() throws Exception {
		TenantDefinition fresnes = tenant("fresnes");
		Registered citizen = register("fresnes");
		SignedIn staff = signInAsAdmin("fresnes");

		HttpResponse<String> download = staff.browser()
			.submit(url("fresnes", "/admin/usagers/" + citizen.id() + "/export"),
					Map.of("_csrf", csrf(staff.landing())));

		assertThat(download.statusCode()).as(() -> Browser.describe(download)).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
			.contains("donnees-usager-" + citizen.id() + ".json");
		JsonNode export = json.readTree(download.body());

		JsonNode identity = export.get("identity");
		assertThat(identity.get("id").asString()).isEqualTo(citizen.id());
		assertThat(identity.get("username").asString()).isEqualTo(citizen.username());
		assertThat(identity.get("email").asString()).isEqualTo(citizen.email());
		assertThat(identity.get("firstName").asString()).isEqualTo("Clémence");
		assertThat(identity.get("lastName").asString()).isEqualTo(citizen.lastName());
		assertThat(identity.get("enabled").asBoolean()).isFalse();
		assertThat(Instant.parse(identity.get("createdAt").asString())).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(10, ChronoUnit.MINUTES));
		assertThat(identity.get("attributes").get("registrationId").get(0).asString())
			.isEqualTo(citizen.registrationId().toString());
		assertThat(identity.get("credentials").get(0).get("type").asString()).isEqualTo("password");

		assertThat(export.get("profile").get("civility").asString()).isEqualTo("Madame");
		assertThat(export.get("profile").get("address_label").asString()).isEqualTo("12 Rue Émile Zola 94260 Fresnes");
		assertThat(export.get("profile").get("phone").asString()).isEqualTo("01 49 84 56 56");
		assertThat(export.get("serviceKeys").get(0).get("service_id").asString()).isEqualTo("enfance");
		assertThat(export.get("serviceKeys").get(0).get("key_value").asString()).isEqualTo(citizen.serviceKey());
		JsonNode proof = export.get("acceptances").get(0);
		assertThat(proof.get("kind").asString()).isEqualTo("cgu");
		assertThat(proof.get("version").asString()).isEqualTo(fresnes.terms().version());
		assertThat(proof.get("sha256").asString()).isEqualTo(fresnes.terms().sha256());
		assertThat(proof.get("accepted_at").asString()).isNotBlank();
		assertThat(export.get("registrations").get(0).get("state").asString()).isEqualTo("AWAITING_EMAIL_CONFIRMATION");
		assertThat(export.get("activationLinks").get(0).get("purpose").asString()).isNotBlank();
		assertThat(export.get("activationLinks").get(0).has("token_hash")).isFalse();
		assertThat(export.get("drafts").get(0).get("id").asString()).isEqualTo(citizen.registrationId().toString());
		assertThat(export.get("drafts").get(0).get("field_values").asString()).contains(citizen.lastName());
		assertThat(export.get("audit").isEmpty()).isTrue();

		// each field of the registry is in the export under its declared name: the
		// profile's columns, Keycloak's attributes
		for (CitizenField field : FieldCatalog.all()) {
			if (field.keeper() == FieldCatalog.Keeper.PROFILE) {
				assertThat(export.get("profile").has(field.exportName())).as(field.id()).isTrue();
			}
			else if (field.keeper() == FieldCatalog.Keeper.KEYCLOAK) {
				assertThat(identity.has(field.exportName())).as(field.id()).isTrue();
			}
		}

		// every table of the schema that names an account is in the export: a feature
		// adding one without listing it in CitizenTables fails here
		Set<String> exported = new TreeSet<>();
		export.get("sources").values().forEach((table) -> exported.add(table.asString()));
		assertThat(exported).containsAll(tablesNamingAnAccount("t_fresnes").keySet()).contains("audit_entry");

		// the export is in the journal, with the account's id and never its name, and so
		// in the next export
		JsonNode again = json.readTree(staff.browser()
			.submit(url("fresnes", "/admin/usagers/" + citizen.id() + "/export"),
					Map.of("_csrf", csrf(staff.landing())))
			.body());
		assertThat(again.get("audit").findValuesAsString("action")).containsExactly("citizen.exported");
		assertThat(again.get("audit").get(0).get("subject").asString()).isEqualTo(citizen.id());
		assertThat(again.get("audit").get(0).get("actor").asString()).isEqualTo(staff.username());
		HttpResponse<String> journal = staff.browser().get(url("fresnes", "/admin/journal"));
		assertThat(text(journal)).contains("Export des données d'un usager", citizen.id(), staff.username());
	}

	@Test
	void eraseWhenUsernameConfirmedThenAccountAndRowsGoneProofsAnonymisedAndJournalSaysSo() throws Exception {
		TenantDefinition fresnes = tenant("fresnes");
		Registered citizen = register("fresnes");
		SignedIn staff = signInAsAdmin("fresnes");
		HttpResponse<String> confirm = staff.browser()
			.get(url("fresnes", "/admin/usagers/" + citizen.id() + "/effacement"));
		assertThat(text(confirm)).contains("Effacer l'usager " + citizen.username(),
				"Pour confirmer, saisissez le nom d'utilisateur : " + citizen.username(),
				"conservées sans son nom ni son identifiant", "article 17.3.e");

		HttpResponse<String> done = staff.browser()
			.submit(url("fresnes", "/admin/usagers/" + citizen.id() + "/effacement"),
					Map.of("_csrf", csrf(confirm), "confirmation", citizen.username()));

		assertThat(staff.browser().current().getPath()).as(() -> Browser.describe(done)).isEqualTo("/admin/usagers");
		assertThat(text(done)).contains("Le compte « " + citizen.username() + " » et ses données ont été effacés.",
				"Les preuves d'acceptation sont conservées sous forme anonymisée.");

		// the realm no longer knows the account
		RealmUsers users = new RealmUsers(this.clusters);
		assertThatThrownBy(() -> users.realm(fresnes).users().get(citizen.id()).toRepresentation())
			.isInstanceOf(NotFoundException.class);
		assertThat(users.realm(fresnes).users().searchByUsername(citizen.username(), true)).isEmpty();

		// no row of the schema names the account any more; the draft went with them
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		tablesNamingAnAccount("t_fresnes").forEach((table,
				column) -> assertThat(jdbc.sql("SELECT count(*) FROM t_fresnes." + table + " WHERE " + column + " = ?")
					.param(citizen.id())
					.query(Long.class)
					.single()).as(table).isZero());
		assertThat(jdbc.sql("SELECT count(*) FROM t_fresnes.wizard_draft WHERE id = ?")
			.param(citizen.registrationId())
			.query(Long.class)
			.single()).isZero();

		// the erasure is in the audit log, with ids only, and names the proofs' pseudonym
		List<Map<String, Object>> entries = jdbc
			.sql("SELECT actor, action, before_value, after_value FROM t_fresnes.audit_entry WHERE subject = ?"
					+ " ORDER BY at")
			.param(citizen.id())
			.query()
			.listOfRows();
		assertThat(entries).extracting((entry) -> entry.get("action")).containsExactly("citizen.erased");
		assertThat(entries.get(0).get("actor")).isEqualTo(staff.username());
		assertThat(entries.toString()).doesNotContain(citizen.lastName(), citizen.email(), citizen.username());
		String pseudonym = json.readTree((String) entries.get(0).get("after_value")).get("proofPseudonym").asString();

		// the proof stays, without the person
		List<Map<String, Object>> proofs = jdbc.sql("SELECT * FROM t_fresnes.acceptance_proof WHERE pseudonym = ?")
			.param(pseudonym)
			.query()
			.listOfRows();
		assertThat(proofs).hasSize(1);
		assertThat(proofs.get(0).get("keycloak_user_id")).isNull();
		assertThat(proofs.get(0).get("kind")).isEqualTo("cgu");
		assertThat(proofs.get(0).get("version")).isEqualTo(fresnes.terms().version());
		assertThat(proofs.get(0).get("sha256")).isEqualTo(fresnes.terms().sha256());
		assertThat(proofs.get(0).get("anonymised_at")).isNotNull();
		assertThat(proofs.get(0).toString()).doesNotContain(citizen.id(), citizen.lastName(), citizen.email(),
				citizen.username());

		HttpResponse<String> journal = staff.browser().get(url("fresnes", "/admin/journal"));
		assertThat(text(journal)).contains("Effacement d'un usager", citizen.id(), pseudonym)
			.doesNotContain(citizen.lastName(), citizen.email());
		assertThat(staff.browser().get(url("fresnes", "/admin/usagers/" + citizen.id())).statusCode()).isEqualTo(404);
	}

	@Test
	void eraseWhenConfirmationDoesNotMatchThenFrenchErrorInputKeptAndNothingErased() throws Exception {
		TenantDefinition fresnes = tenant("fresnes");
		Registered citizen = register("fresnes");
		SignedIn staff = signInAsAdmin("fresnes");
		String path = "/admin/usagers/" + citizen.id() + "/effacement";

		HttpResponse<String> refused = staff.browser()
			.submit(url("fresnes", path), Map.of("_csrf", csrf(staff.landing()), "confirmation", "quelqu'un"));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(text(refused))
			.contains("Le formulaire contient 1 erreur", "href=\"#confirmation\"",
					"Le nom d'utilisateur saisi ne correspond pas à celui de l'usager : saisissez « "
							+ citizen.username() + " » pour confirmer l'effacement.",
					"value=\"quelqu'un\"", "aria-invalid=\"true\"");
		HttpResponse<String> empty = staff.browser()
			.submit(url("fresnes", path), Map.of("_csrf", csrf(refused), "confirmation", ""));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(text(empty))
			.contains("Saisissez le nom d'utilisateur « " + citizen.username() + " » pour confirmer l'effacement.");

		assertThat(new RealmUsers(this.clusters).user(fresnes, citizen.username()).getId()).isEqualTo(citizen.id());
		assertThat(JdbcClient.create(this.dataSource)
			.sql("SELECT count(*) FROM t_fresnes.citizen_profile WHERE keycloak_user_id = ?")
			.param(citizen.id())
			.query(Long.class)
			.single()).isOne();
		assertThat(text(staff.browser().get(url("fresnes", "/admin/journal")))).doesNotContain(citizen.id());
	}

	@Test
	void citizenPagesWhenVelizyCitizenIdOnFresnesHostThenNotFound() throws Exception {
		TenantDefinition velizy = tenant("velizy");
		String lastName = "Marchal" + letters();
		String email = "odile." + letters().toLowerCase() + "@example.org";
		PreProvisionedAccount velizyCitizen = this.preProvisioning.create(velizy, lastName, "Odile", email,
				Map.of("enfance", "23456-B7J8K2"));
		SignedIn fresnesStaff = signInAsAdmin("fresnes");
		String token = csrf(fresnesStaff.landing());
		String path = "/admin/usagers/" + velizyCitizen.userId();

		assertThat(fresnesStaff.browser().get(url("fresnes", path)).statusCode()).isEqualTo(404);
		assertThat(fresnesStaff.browser().get(url("fresnes", path + "/effacement")).statusCode()).isEqualTo(404);
		HttpResponse<String> export = fresnesStaff.browser()
			.submit(url("fresnes", path + "/export"), Map.of("_csrf", token));
		assertThat(export.statusCode()).isEqualTo(404);
		assertThat(export.body()).doesNotContain(lastName, email);
		HttpResponse<String> erase = fresnesStaff.browser()
			.submit(url("fresnes", path + "/effacement"),
					Map.of("_csrf", token, "confirmation", velizyCitizen.username()));
		assertThat(erase.statusCode()).isEqualTo(404);
		assertThat(text(fresnesStaff.browser().get(url("fresnes", "/admin/usagers?q=" + lastName))))
			.contains("Aucun usager de la commune ne correspond")
			.doesNotContain(email);

		// untouched, and Vélizy's own staff reach it, pre-provisioning included
		assertThat(new RealmUsers(this.clusters).user(velizy, velizyCitizen.username()).getId())
			.isEqualTo(velizyCitizen.userId());
		SignedIn velizyStaff = signInAsAdmin("velizy");
		HttpResponse<String> own = velizyStaff.browser()
			.submit(url("velizy", path + "/export"), Map.of("_csrf", csrf(velizyStaff.landing())));
		assertThat(own.statusCode()).isEqualTo(200);
		JsonNode document = json.readTree(own.body());
		assertThat(document.get("identity").get("lastName").asString()).isEqualTo(lastName);
		assertThat(document.get("preProvisioning").get(0).get("generated_username").asString())
			.isEqualTo(velizyCitizen.username());
		assertThat(document.get("preProvisioning").get(0).has("password_hash")).isFalse();
		assertThat(document.get("serviceKeys").get(0).get("key_value").asString()).isEqualTo("23456-B7J8K2");
	}

	@Test
	void citizenPagesWhenOperatorThenNeverShown() throws Exception {
		Registered citizen = register("fresnes");
		SignedIn operator = signInAsOperator();

		HttpResponse<String> onPlatformHost = operator.browser()
			.get(platformUrl("/admin/usagers?q=" + citizen.email()));
		assertThat(onPlatformHost.statusCode()).isEqualTo(403);
		operator.browser().carryCookies("platform.localhost", "fresnes.localhost");
		HttpResponse<String> onCommuneHost = operator.browser().get(url("fresnes", "/admin/usagers/" + citizen.id()));
		assertThat(onCommuneHost.statusCode()).isEqualTo(401);
		assertThat(onPlatformHost.body() + onCommuneHost.body()).doesNotContain(citizen.email(), citizen.lastName());
	}

	/** Tables of the schema with a column naming an account, and that column. */
	private Map<String, String> tablesNamingAnAccount(String schema) {
		Map<String, String> tables = new java.util.TreeMap<>();
		JdbcClient.create(this.dataSource)
			.sql("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ?"
					+ " AND column_name LIKE '%user\\_id%'")
			.param(schema)
			.query((rs) -> {
				tables.put(rs.getString("table_name"), rs.getString("column_name"));
			});
		assertThat(tables).as("tables naming an account")
			.containsKeys("citizen_profile", "service_key_link", "acceptance_proof", "registration", "activation_token",
					"pre_provisioned_account");
		return tables;
	}

	/**
	 * Registers a citizen of the commune through the registration service, with profile,
	 * service key and CGU acceptance, after a wizard draft (as the wizard leaves it).
	 */
	private Registered register(String tenantId) {
		TenantDefinition tenant = tenant(tenantId);
		String lastName = "Vasseur" + letters();
		String username = "clemence." + lastName.toLowerCase();
		String email = username + "@example.org";
		String serviceKey = "1" + (1000 + random.nextInt(9000)) + "-" + letters().substring(0, 6).toUpperCase();
		UUID registrationId = UUID.randomUUID();
		Instant now = Instant.now();
		JdbcClient.create(this.dataSource)
			.sql("INSERT INTO t_" + tenant.id() + ".wizard_draft (id, current_step, account_type, field_values,"
					+ " created_at, updated_at, expires_at) VALUES (?, 'confirmation', 'personal', ?, ?, ?, ?)")
			.params(registrationId, "{\"lastName\":\"" + lastName + "\",\"email\":\"" + email + "\"}",
					Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.plus(1, ChronoUnit.DAYS)))
			.update();
		this.registration.submit(new RegistrationRequest(registrationId, tenant, "personal",
				Map.of("civility", "Madame", "lastName", lastName, "firstNames", "Clémence", "email", email,
						"addressSearch", "12 Rue Émile Zola 94260 Fresnes", "phone", "01 49 84 56 56",
						"preferredContact", "courriel"),
				username, "sapin2026ok", Map.of("enfance", serviceKey),
				List.of(new Acceptance("cgu", tenant.terms().version(), tenant.terms().sha256(), now))));
		String id = new RealmUsers(this.clusters).user(tenant, username).getId();
		return new Registered(id, registrationId, username, email, lastName, serviceKey);
	}

	private static String letters() {
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			letters.append((char) ('A' + random.nextInt(26)));
		}
		return letters.substring(0, 1) + letters.substring(1).toLowerCase();
	}

	private static String enc(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

	private record Registered(String id, UUID registrationId, String username, String email, String lastName,
			String serviceKey) {
	}

}
