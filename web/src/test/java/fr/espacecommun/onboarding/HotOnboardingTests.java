package fr.espacecommun.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantConfigError;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A running platform picks up a new commune's file, and refuses a broken edit of an
 * existing one while that commune keeps serving, without a restart.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HotOnboardingTests {

	private static final Path TENANTS = copyOfTheTenantsFolder();

	@DynamicPropertySource
	static void tenants(DynamicPropertyRegistry registry) {
		registry.add("espace.tenants.dir", TENANTS::toString);
		registry.add("espace.tenants.reload-interval", () -> "PT0.5S");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@Autowired
	private KeycloakClusters clusters;

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void newTenantFileWhenDroppedInThenSixthCommuneServedWithItsRealmAndSchemaWithin30Seconds() throws Exception {
		String fresnes = Files.readString(TENANTS.resolve("fresnes.yaml"));
		String sixth = fresnes.replace("id: fresnes", "id: sixieme")
			.replace("name: Ville de Fresnes", "name: Ville de Sixième-sur-Test")
			.replace("- fresnes.localhost", "- sixieme.localhost")
			.replace("- fresnes.espace-commun.fr", "- sixieme.espace-commun.fr");
		long start = System.nanoTime();
		Files.writeString(TENANTS.resolve("sixieme.yaml"), sixth);

		String page = waitFor(Duration.ofSeconds(30), () -> {
			MvcResult result = this.mvc.perform(get("/").with((request) -> {
				request.setServerName("sixieme.localhost");
				return request;
			})).andReturn();
			return (result.getResponse().getStatus() == 200
					&& this.registry.find("sixieme").map((row) -> row.status() == TenantStatus.SERVING).orElse(false))
							? HtmlUtils.htmlUnescape(result.getResponse().getContentAsString()) : null;
		});
		System.out.printf("Sixth commune serving %d ms after its file appeared%n",
				(System.nanoTime() - start) / 1_000_000);

		assertThat(page).contains("Ville de Sixième-sur-Test", "Créer mon espace");
		assertThat(this.clusters.forCluster("default").realm("sixieme").toRepresentation().getDisplayName())
			.isEqualTo("Espace Famille");
		assertThat(this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = 't_sixieme'", String.class))
			.contains("citizen_profile", "registration", "wizard_draft");
	}

	@Test
	void brokenEditWhenSavedThenRefusedWithLineAndColumnAndTheCommuneKeepsServing() throws Exception {
		Path file = TENANTS.resolve("villennes.yaml");
		String good = Files.readString(file);
		try {
			Files.writeString(file, good.replace("minLength: 12", "minLength: 4"));

			TenantConfigError error = waitFor(Duration.ofSeconds(30),
					() -> this.catalog.errors()
						.stream()
						.filter((candidate) -> candidate.file().getFileName().toString().equals("villennes.yaml"))
						.findFirst()
						.orElse(null));

			assertThat(error.rule()).contains("password");
			assertThat(error.line()).isEqualTo(lineOf(good, "minLength: 12"));
			assertThat(this.catalog.byId("villennes").orElseThrow().passwordPolicy().minLength()).isEqualTo(12);
			String page = HtmlUtils.htmlUnescape(this.mvc.perform(get("/").with((request) -> {
				request.setServerName("villennes.localhost");
				return request;
			})).andReturn().getResponse().getContentAsString());
			assertThat(page).contains("Ville de Villennes-sur-Seine");
			assertThat(this.clusters.forCluster("default").realm("villennes").toRepresentation().getPasswordPolicy())
				.contains("length(12)");
		}
		finally {
			Files.writeString(file, good);
		}
	}

	private static int lineOf(String text, String fragment) {
		String before = text.substring(0, text.indexOf(fragment));
		return (int) before.chars().filter((c) -> c == '\n').count() + 1;
	}

	private static <T> T waitFor(Duration timeout, Callable<T> probe) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			T value = probe.call();
			if (value != null) {
				return value;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + timeout);
			}
			Thread.sleep(200);
		}
	}

	private static Path copyOfTheTenantsFolder() {
		try {
			Path source = Path.of(System.getProperty("espace.tenants.dir", "../tenants"));
			Path target = Files.createTempDirectory("tenants-");
			try (Stream<Path> files = Files.walk(source)) {
				for (Path path : files.toList()) {
					Path copy = target.resolve(source.relativize(path).toString());
					if (Files.isDirectory(path)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
