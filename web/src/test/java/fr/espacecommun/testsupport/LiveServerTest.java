package fr.espacecommun.testsupport;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.identity.RealmProvisioner;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * Base of the tests that drive the running platform over real HTTP, on one fixed port
 * shared by every subclass (so they share one application context), signing people in
 * through the real Keycloak realms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class LiveServerTest {

	/** The port the platform listens on for every subclass. */
	protected static final int PORT = LivePort.get();

	/**
	 * The address of the TLS-terminating proxy as the platform sees it (loopback, so it
	 * needs no proxy process): {@code espace.proxy.trusted-addresses}.
	 */
	protected static final String PROXY_ADDRESS = "127.0.0.2";

	/** The password every staff member and operator made by these helpers has. */
	protected static final String STAFF_PASSWORD = "Agent-2026-Mairie!";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@Autowired
	protected RealmProvisioner provisioner;

	@Autowired
	protected TenantCatalog catalog;

	@Autowired
	private CitizenRecords records;

	/**
	 * A copy of the tenants folder, so that tests can add a commune of their own
	 * ({@link #newCommuneLike}) without touching the project's files.
	 */
	private static final Path TENANTS = TenantsFolder.copy();

	/**
	 * The Base Adresse Nationale stand-in every live-server test's address search asks
	 * (the tests cannot reach the real service).
	 */
	protected static final BanStub BAN = BanStub.start();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("espace.tenants.dir", TENANTS::toString);
		registry.add("server.port", () -> PORT);
		// addresses are suggested by the stub
		registry.add("espace.address.base-url", () -> BAN.baseUrl().toString());
		// the reverse proxy's address: tests send through "the proxy" from it
		// (RawHttp); every other test client, on 127.0.0.1, is a client the forwarded
		// headers of which count for nothing
		registry.add("espace.proxy.trusted-addresses", () -> PROXY_ADDRESS);
	}

	/** The copy of the tenants folder this platform reads. */
	protected static Path tenantsFolder() {
		return TENANTS;
	}

	/** The URL of a path on a commune's first host. */
	protected String url(String tenantId, String path) {
		return "http://" + tenant(tenantId).hosts().get(0) + ":" + PORT + path;
	}

	/** The URL of a path on the platform host. */
	protected static String platformUrl(String path) {
		return "http://platform.localhost:" + PORT + path;
	}

	/**
	 * Onboards a new commune declared like an existing one, under a fresh id served on
	 * {@code <id>.localhost}: for tests that change a commune's settings (CGU, policy,
	 * fields) without disturbing the tests that use the five real communes.
	 * @param model the id of the commune to copy ({@code villennes})
	 * @return the new commune, serving (realm and schema created)
	 */
	protected TenantDefinition newCommuneLike(String model) throws IOException {
		String id = model + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
		String yaml = Files.readString(TENANTS.resolve(model + ".yaml"))
			.replace("id: " + model, "id: " + id)
			.replace("- " + model + ".localhost", "- " + id + ".localhost")
			.replace("- " + model + ".espace-commun.fr", "- " + id + ".espace-commun.fr");
		Files.writeString(TENANTS.resolve(id + ".yaml"), yaml);
		// onboarding runs in the reload's listeners: serving once this returns
		((FileTenantCatalog) this.catalog).reload();
		return tenant(id);
	}

	protected TenantDefinition tenant(String tenantId) {
		return this.catalog.byId(tenantId).orElseThrow();
	}

	/**
	 * Creates a staff member with role {@code tenant-admin} in the commune's realm and
	 * signs them in; the browser is then on {@code /admin}.
	 * @return the browser, signed in, and the staff member's username
	 */
	protected SignedIn signInAsAdmin(String tenantId) throws IOException, InterruptedException {
		return signIn(tenantId, "agent", "/admin", "tenant-admin");
	}

	/**
	 * Creates a citizen with role {@code citizen} in the commune's realm, who accepted
	 * the commune's CGU in force (as the wizard records it), and signs them in through
	 * {@code /mon-espace}.
	 */
	protected SignedIn signInAsCitizen(String tenantId) throws IOException, InterruptedException {
		return signIn(tenantId, "usager", "/mon-espace", "citizen");
	}

	private SignedIn signIn(String tenantId, String prefix, String path, String role)
			throws IOException, InterruptedException {
		TenantDefinition tenant = tenant(tenantId);
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		String email = name + "@" + tenantId + ".example.org";
		String username = (tenant.usernameMode() == UsernameMode.EMAIL) ? email : name;
		String userId = this.provisioner.ensureUser(tenant, username, email, "Camille", "Agent", STAFF_PASSWORD, role);
		if (role.equals("citizen")) {
			// Mon espace opens only to citizens who accepted the CGU in force
			this.records.saveAcceptance(tenant, userId,
					new Acceptance("cgu", tenant.terms().version(), tenant.terms().sha256(), Instant.now()));
		}
		Browser browser = new Browser();
		HttpResponse<String> login = browser.open(url(tenantId, path));
		HttpResponse<String> page = browser.submit(Browser.formAction(login.body()),
				Map.of("username", username, "password", STAFF_PASSWORD));
		return new SignedIn(browser, username, page);
	}

	/** Creates an operator in the {@code platform} realm and signs them in. */
	protected SignedIn signInAsOperator() throws IOException, InterruptedException {
		String username = "operateur-" + UUID.randomUUID().toString().substring(0, 8);
		this.provisioner.ensurePlatformUser(username, username + "@platform.example.org", "Dominique", "Opérateur",
				STAFF_PASSWORD, "operator");
		Browser browser = new Browser();
		HttpResponse<String> login = browser.open(platformUrl("/platform"));
		HttpResponse<String> page = browser.submit(Browser.formAction(login.body()),
				Map.of("username", username, "password", STAFF_PASSWORD));
		return new SignedIn(browser, username, page);
	}

	/** The page's CSRF token, to post its forms. */
	protected static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token on the page: " + Browser.describe(page));
		}
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	/** The page's text, entities decoded. */
	protected static String text(HttpResponse<String> page) {
		return HtmlUtils.htmlUnescape(page.body());
	}

	/**
	 * A browser with someone signed in.
	 *
	 * @param browser the browser, its cookies holding the session
	 * @param username the person's username in their realm
	 * @param landing the page reached after signing in
	 */
	public record SignedIn(Browser browser, String username, HttpResponse<String> landing) {
	}

}
