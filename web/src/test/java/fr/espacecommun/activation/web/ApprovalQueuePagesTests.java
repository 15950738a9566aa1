package fr.espacecommun.activation.web;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import fr.espacecommun.activation.internal.ApprovalQueue;
import fr.espacecommun.activation.internal.ApprovalQueue.Decision;
import fr.espacecommun.activation.internal.BusinessCalendar;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.identity.KeycloakProperties;
import fr.espacecommun.mail.ReceivedMail;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import fr.espacecommun.registration.RegistrationService.RegistrationRequest;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.testsupport.Browser;
import fr.espacecommun.testsupport.DirectGrant;
import fr.espacecommun.testsupport.LiveServerTest;
import fr.espacecommun.testsupport.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff's activation queue over real HTTP: Villennes citizens registered through the
 * registration service, staff signed in through the real realm, decisions checked in
 * Keycloak, in the mails received and in the audit journal.
 */
class ApprovalQueuePagesTests extends LiveServerTest {

	private static final String PASSWORD = "Villennes-2026-Passe!";

	@Autowired
	private RegistrationService registration;

	@Autowired
	private ApprovalQueue queue;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private KeycloakProperties keycloak;

	@Autowired
	private CitizenRecords records;

	@Autowired
	private DataSource dataSource;

	@Test
	void queueWhenVillennesCitizenRegisteredThenListedWithNameMailSubmissionAndFrenchDeadline() throws Exception {
		Registered citizen = register("Élodie", "Marchand");
		assertThat(citizen.outcome().state()).isEqualTo(ActivationState.AWAITING_APPROVAL);

		SignedIn staff = signInAsAdmin("villennes");
		HttpResponse<String> page = staff.browser().open(url("villennes", "/admin/comptes"));

		assertThat(page.statusCode()).as(() -> Browser.describe(page)).isEqualTo(200);
		String row = row(text(page), citizen.username());
		assertThat(row).contains("Élodie Marchand", citizen.email(), "Dans les délais",
				FrenchDates.dateTime(citizen.outcome().activationDeadline()), FrenchDates.date(Instant.now()));
		assertThat(text(page)).contains("Comptes en attente d'activation", "48 heures ouvrées", "Activer", "Refuser");
		assertThat(page.body()).contains("<th scope=\"col\"", "aria-current=\"page\"");
	}

	@Test
	void queueWhenDeadlinePassedThenFlaggedOverdueInWordsAndListedFirst() throws Exception {
		Registered recent = register("Paul", "Récent");
		Registered late = register("Lucie", "Enretard");
		// as if Lucie had submitted ten days ago: her deadline has passed
		Instant submitted = Instant.now().minus(Duration.ofDays(10));
		Instant deadline = new BusinessCalendar().addBusinessHours(submitted, 48);
		JdbcClient.create(this.dataSource)
			.sql("UPDATE t_villennes.registration SET created_at = ?, deadline = ? WHERE keycloak_user_id = ?")
			.params(Timestamp.from(submitted), Timestamp.from(deadline), late.userId())
			.update();

		SignedIn staff = signInAsAdmin("villennes");
		String page = text(staff.browser().open(url("villennes", "/admin/comptes")));

		assertThat(row(page, late.username())).contains("Lucie Enretard", "En retard : échéance dépassée",
				FrenchDates.dateTime(deadline), FrenchDates.dateTime(submitted));
		assertThat(row(page, recent.username())).contains("Paul Récent", "Dans les délais").doesNotContain("En retard");
		assertThat(page.indexOf(late.username())).as("earliest deadline first")
			.isLessThan(page.indexOf(recent.username()));
		assertThat(page).containsPattern("\\d+ demandes? attend(ent)? votre décision, dont \\d+ en retard");
	}

	@Test
	void approveWhenStaffApprovesThenEnabledSignsInMailedOnceAndJournaled() throws Exception {
		Registered citizen = register("Camille", "Aubert");
		SignedIn staff = signInAsAdmin("villennes");
		HttpResponse<String> queuePage = staff.browser().open(url("villennes", "/admin/comptes"));
		assertThat(canSignIn(citizen)).as("not before approval").isFalse();

		String action = url("villennes", "/admin/comptes/" + citizen.userId() + "/activation");
		Map<String, String> form = Map.of("_csrf", csrf(queuePage));
		HttpResponse<String> after = staff.browser().submit(action, form);

		assertThat(after.statusCode()).as(() -> Browser.describe(after)).isEqualTo(200);
		assertThat(text(after)).contains("Le compte de Camille Aubert (" + citizen.username() + ") est activé")
			.doesNotContain(citizen.email());
		UserRepresentation user = users().user(tenant("villennes"), citizen.username());
		assertThat(user.isEnabled()).isTrue();
		assertThat(canSignIn(citizen)).isTrue();
		List<ReceivedMail> mails = ReceivedMail.awaitCount(citizen.email(), 2);
		ReceivedMail approved = mails.get(0);
		assertThat(approved.fromAddress()).isEqualTo("nepasrepondre-villennes@espace-commun.fr");
		assertThat(approved.fromName()).isEqualTo("Ville de Villennes-sur-Seine – Mon Espace Citoyen");
		assertThat(approved.subject())
			.isEqualTo("Mon Espace Citoyen Villennois – Ville de Villennes-sur-Seine : votre espace est activé");
		assertThat(approved.text()).contains("Bonjour Camille Aubert",
				"Votre demande de création d'espace a été acceptée", citizen.username(),
				"http://villennes.localhost:8080/", "Ville de Villennes-sur-Seine – Mon Espace Citoyen Villennois");
		assertThat(registrationState(citizen)).isEqualTo("ACTIVE");

		// the same form sent again (a double click, a reload): nothing more happens
		HttpResponse<String> again = staff.browser().submit(action, form);
		assertThat(text(again)).contains("avait déjà été traitée");
		Thread.sleep(500);
		assertThat(ReceivedMail.all(citizen.email())).hasSize(2);

		String journal = text(staff.browser().open(url("villennes", "/admin/journal")));
		List<String> entries = rows(journal, citizen.userId());
		assertThat(entries).as("one entry, for the one decision")
			.singleElement()
			.satisfies((entry) -> assertThat(entry).contains("Compte activé par un agent", staff.username(),
					"{\"state\":\"AWAITING_APPROVAL\",\"enabled\":false}", "{\"state\":\"ACTIVE\",\"enabled\":true}"));
	}

	@Test
	void approveWhenSubmittedTwiceAtOnceThenOneDecisionAndOneMail() throws Exception {
		Registered citizen = register("Jules", "Double");
		TenantDefinition villennes = tenant("villennes");
		Callable<Decision> approve = () -> this.queue.approve(villennes, citizen.userId(), "agent-test");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Decision> first = pool.submit(approve);
			Future<Decision> second = pool.submit(approve);
			assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(Decision.DECIDED,
					Decision.ALREADY_DECIDED);
		}
		finally {
			pool.shutdown();
		}
		ReceivedMail.awaitCount(citizen.email(), 2);
		Thread.sleep(500);
		assertThat(ReceivedMail.all(citizen.email())).hasSize(2);
		assertThat(users().user(villennes, citizen.username()).isEnabled()).isTrue();
	}

	@Test
	void rejectWhenReasonGivenThenAccountRemovedReasonMailedAndJournaled() throws Exception {
		Registered citizen = register("Hugo", "Refusé");
		SignedIn staff = signInAsAdmin("villennes");
		HttpResponse<String> form = staff.browser()
			.open(url("villennes", "/admin/comptes/" + citizen.userId() + "/refus"));
		assertThat(text(form)).contains("Refuser la demande de Hugo Refusé", citizen.email(), "Motif du refus");
		assertThat(form.body()).contains("<label for=\"motif\"", "id=\"motif\"");

		String reason = "Votre adresse n'est pas à Villennes-sur-Seine : ce portail est réservé aux habitants.";
		HttpResponse<String> after = staff.browser()
			.submit(url("villennes", "/admin/comptes/" + citizen.userId() + "/refus"),
					Map.of("_csrf", csrf(form), "reason", reason));

		assertThat(text(after)).contains("La demande de Hugo Refusé (" + citizen.username() + ") est refusée");
		assertThat(after.body()).doesNotContain(citizen.email());
		assertThat(users().realm(tenant("villennes")).users().searchByUsername(citizen.username(), true)).isEmpty();
		assertThat(canSignIn(citizen)).isFalse();
		assertThat(this.records.profile(tenant("villennes"), citizen.userId())).isEmpty();
		ReceivedMail mail = ReceivedMail.awaitCount(citizen.email(), 2).get(0);
		assertThat(mail.subject()).contains("Mon Espace Citoyen Villennois", "votre demande de création d'espace");
		assertThat(mail.text()).contains("Bonjour Hugo Refusé", "n'a pas été acceptée", "Motif du refus :", reason);
		assertThat(mail.html()).contains("Votre adresse n&#39;est pas à Villennes-sur-Seine");

		String journal = text(staff.browser().open(url("villennes", "/admin/journal")));
		assertThat(rows(journal, citizen.userId())).singleElement()
			.satisfies((entry) -> assertThat(entry).contains("Demande de compte refusée", staff.username(),
					"\"state\":\"REJECTED\"", reason));
		assertThat(registrationState(citizen)).isEqualTo("REJECTED");
	}

	@Test
	void rejectWhenReasonEmptyOrTooLongThenFrenchErrorNextToTheFieldInputKeptAndNothingDone() throws Exception {
		Registered citizen = register("Inès", "Sansmotif");
		SignedIn staff = signInAsAdmin("villennes");
		String action = url("villennes", "/admin/comptes/" + citizen.userId() + "/refus");
		HttpResponse<String> form = staff.browser().open(action);

		HttpResponse<String> empty = staff.browser().submit(action, Map.of("_csrf", csrf(form), "reason", "   "));

		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(text(empty)).contains("Le formulaire contient 1 erreur",
				"Indiquez le motif du refus : il sera envoyé à l'usager.");
		assertThat(empty.body()).contains("href=\"#motif\"", "id=\"motif-erreur\"", "aria-invalid=\"true\"",
				"aria-describedby=\"motif-aide motif-erreur\"");

		String tooLong = "Pièce manquante. ".repeat(70);
		HttpResponse<String> kept = staff.browser().submit(action, Map.of("_csrf", csrf(empty), "reason", tooLong));
		assertThat(kept.statusCode()).isEqualTo(400);
		assertThat(text(kept)).contains("Le motif ne doit pas dépasser 1000 caractères.", tooLong.strip());

		UserRepresentation user = users().user(tenant("villennes"), citizen.username());
		assertThat(user.isEnabled()).isFalse();
		Thread.sleep(300);
		assertThat(ReceivedMail.all(citizen.email())).hasSize(1);
		assertThat(text(staff.browser().open(url("villennes", "/admin/comptes")))).contains(citizen.username());
	}

	@Test
	void fresnesQueueWhenVillennesAccountIdThenNotFoundAndNothingChanges() throws Exception {
		Registered citizen = register("Noé", "Voisin");
		SignedIn fresnesStaff = signInAsAdmin("fresnes");
		HttpResponse<String> fresnesQueue = fresnesStaff.browser().open(url("fresnes", "/admin/comptes"));
		assertThat(text(fresnesQueue)).doesNotContain(citizen.username());
		String csrf = csrf(fresnesQueue);

		HttpResponse<String> approve = fresnesStaff.browser()
			.submit(url("fresnes", "/admin/comptes/" + citizen.userId() + "/activation"), Map.of("_csrf", csrf));
		HttpResponse<String> rejectForm = fresnesStaff.browser()
			.get(url("fresnes", "/admin/comptes/" + citizen.userId() + "/refus"));
		HttpResponse<String> reject = fresnesStaff.browser()
			.submit(url("fresnes", "/admin/comptes/" + citizen.userId() + "/refus"),
					Map.of("_csrf", csrf, "reason", "Essai"));

		for (HttpResponse<String> page : List.of(approve, rejectForm, reject)) {
			assertThat(page.statusCode()).as(() -> Browser.describe(page)).isEqualTo(404);
			assertThat(text(page))
				.contains("Compte introuvable", "Aucun compte de votre commune ne correspond à cette adresse.")
				.doesNotContain("Voisin", citizen.username(), citizen.email());
		}
		assertThat(users().user(tenant("villennes"), citizen.username()).isEnabled()).isFalse();
		assertThat(ReceivedMail.all(citizen.email())).hasSize(1);
		assertThat(this.queue.pending(tenant("villennes"))).anyMatch((a) -> a.userId().equals(citizen.userId()));
	}

	private Registered register(String firstName, String lastName) {
		TenantDefinition villennes = tenant("villennes");
		String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String email = "citoyen." + unique + "@example.org";
		String username = "v" + unique;
		RegistrationOutcome outcome = this.registration.submit(new RegistrationRequest(UUID.randomUUID(), villennes,
				"personal", Map.of("civility", "Madame", "lastName", lastName, "firstNames", firstName, "email", email),
				username, PASSWORD, Map.of(), List.of(new Acceptance("cgu", villennes.terms().version(),
						villennes.terms().sha256(), Instant.now()))));
		ReceivedMail.to(email);
		String userId = users().user(villennes, username).getId();
		return new Registered(userId, username, email, outcome);
	}

	private boolean canSignIn(Registered citizen) throws Exception {
		return new DirectGrant(this.clusters, this.keycloak)
			.passwordGrant(tenant("villennes"), citizen.username(), PASSWORD)
			.statusCode() == 200;
	}

	private RealmUsers users() {
		return new RealmUsers(this.clusters);
	}

	/**
	 * The table row (text between {@code
	 *
	<tr>
	 * } and {@code
	 *
	</tr>
	 * }) holding the text.
	 */
	private static String row(String page, String needle) {
		int at = page.indexOf(needle);
		assertThat(at).as(needle + " on the page").isNotNegative();
		int start = page.lastIndexOf("<tr", at);
		int end = page.indexOf("</tr>", at);
		return page.substring(start, end);
	}

	/** Every table row holding the text. */
	private static List<String> rows(String page, String needle) {
		return java.util.Arrays.stream(page.split("<tr"))
			.skip(1)
			.map((row) -> row.substring(0, Math.max(row.indexOf("</tr>"), 0)))
			.filter((row) -> row.contains(needle))
			.toList();
	}

	private String registrationState(Registered citizen) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT state FROM t_villennes.registration WHERE keycloak_user_id = ?")
			.param(citizen.userId())
			.query(String.class)
			.single();
	}

	private record Registered(String userId, String username, String email, RegistrationOutcome outcome) {
	}

}
