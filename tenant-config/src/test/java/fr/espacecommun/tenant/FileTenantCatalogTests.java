package fr.espacecommun.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import fr.espacecommun.tenant.internal.RealTenantsTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Reloads of a copy of the real tenants folder, edited the way an operator would. */
class FileTenantCatalogTests {

	@TempDir
	Path tenants;

	FileTenantCatalog catalog;

	List<String> notified = new ArrayList<>();

	@BeforeEach
	void copyRealTenants() throws IOException {
		Path source = RealTenantsTests.TENANTS;
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path target = this.tenants.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		this.catalog = new FileTenantCatalog(this.tenants);
		this.catalog.addListener(
				(previous, current) -> this.notified.add(((previous != null) ? "changed " : "added ") + current.id()));
		assertThat(this.catalog.reload().added()).hasSize(5);
	}

	@Test
	void fileWhenOverwrittenWithBrokenVersionThenLastGoodDefinitionKeepsServing() throws IOException {
		TenantDefinition before = this.catalog.byId("fresnes").orElseThrow();
		write("fresnes.yaml", read("fresnes.yaml").replace("minLength: 8", "minLength: 4"));

		ReloadReport report = this.catalog.reload();

		assertThat(report.refused()).containsOnlyKeys(this.tenants.resolve("fresnes.yaml"));
		assertThat(report.errors()).singleElement().satisfies((error) -> {
			assertThat(error.rule()).isEqualTo("password.min-length");
			assertThat(error.message()).contains("minLength 4");
		});
		assertThat(this.catalog.errors()).isEqualTo(report.errors());
		assertThat(this.catalog.byId("fresnes")).containsSame(before);
		assertThat(this.catalog.byHost("fresnes.localhost")).containsSame(before);
		assertThat(this.catalog.all()).hasSize(5);
		assertThat(report.changed()).isEmpty();
		assertThat(this.notified).containsExactlyInAnyOrder("added ccplm", "added ccve", "added fresnes",
				"added velizy", "added villennes");
	}

	@Test
	void brokenFileWhenFixedThenNewDefinitionServedAndListenersTold() throws IOException {
		String good = read("velizy.yaml");
		write("velizy.yaml", good + "\nunknownKey: 1\n");
		assertThat(this.catalog.reload().errors()).extracting(TenantConfigError::rule)
			.containsExactly("schema.additionalProperties");

		write("velizy.yaml", good.replace("portalName: Portail Famille", "portalName: Portail Famille Vélizy"));
		ReloadReport report = this.catalog.reload();

		assertThat(report.ok()).isTrue();
		assertThat(report.changed()).containsExactly("velizy");
		assertThat(this.catalog.errors()).isEmpty();
		assertThat(this.catalog.byId("velizy").orElseThrow().portalName()).isEqualTo("Portail Famille Vélizy");
		assertThat(this.notified).endsWith("changed velizy");
	}

	@Test
	void hostWhenClaimedByASecondFileThenNewcomerRefusedAndOwnerKeepsIt() throws IOException {
		write("ccplm.yaml", read("ccplm.yaml").replace("  - ccplm.espace-commun.fr", "  - fresnes.localhost"));

		ReloadReport report = this.catalog.reload();

		assertThat(report.errors()).singleElement().satisfies((error) -> {
			assertThat(error.file()).isEqualTo(this.tenants.resolve("ccplm.yaml"));
			assertThat(error.rule()).isEqualTo("hosts.unique");
			assertThat(error.message()).contains("'fresnes.localhost'").contains("'fresnes'");
			assertThat(error.line()).isEqualTo(lineOf("ccplm.yaml", "  - fresnes.localhost"));
			assertThat(error.column()).isEqualTo(5);
		});
		assertThat(this.catalog.byHost("fresnes.localhost").orElseThrow().id()).isEqualTo("fresnes");
		assertThat(this.catalog.byHost("ccplm.espace-commun.fr")).isPresent();
	}

	@Test
	void hostWhenClaimedByTwoNewFilesThenBothRefused() throws IOException {
		// nothing tells which file is right: neither is served, each names the other
		FileTenantCatalog fresh = new FileTenantCatalog(this.tenants);
		write("ccplm.yaml", read("ccplm.yaml").replace("  - ccplm.espace-commun.fr", "  - shared.localhost"));
		write("ccve.yaml", read("ccve.yaml").replace("  - ccve.espace-commun.fr", "  - shared.localhost"));

		ReloadReport report = fresh.reload();

		assertThat(report.refused()).containsOnlyKeys(this.tenants.resolve("ccplm.yaml"),
				this.tenants.resolve("ccve.yaml"));
		assertThat(report.errors()).extracting(TenantConfigError::rule).containsExactly("hosts.unique", "hosts.unique");
		assertThat(report.refused().get(this.tenants.resolve("ccplm.yaml")).get(0).message()).contains("ccve.yaml");
		assertThat(report.refused().get(this.tenants.resolve("ccve.yaml")).get(0).message()).contains("ccplm.yaml");
		assertThat(fresh.byHost("shared.localhost")).isEmpty();
		assertThat(fresh.byId("ccve")).isEmpty();
		assertThat(fresh.byId("fresnes")).isPresent();
	}

	@Test
	void idWhenDeclaredByTwoFilesThenSecondRefused() throws IOException {
		write("fresnes.yml", read("fresnes.yaml").replace("fresnes.espace-commun.fr", "fresnes-bis.espace-commun.fr"));

		ReloadReport report = this.catalog.reload();

		assertThat(report.refused()).containsOnlyKeys(this.tenants.resolve("fresnes.yml"));
		assertThat(report.errors()).singleElement().satisfies((error) -> {
			assertThat(error.rule()).isEqualTo("id.unique");
			assertThat(error.line()).isEqualTo(lineOf("fresnes.yml", "id: fresnes"));
			assertThat(error.column()).isEqualTo(5);
		});
		assertThat(this.catalog.byHost("fresnes-bis.espace-commun.fr")).isEmpty();
	}

	@Test
	void fileWhenDeletedThenTenantStillServedAndReported() throws IOException {
		Files.delete(this.tenants.resolve("villennes.yaml"));

		ReloadReport report = this.catalog.reload();

		assertThat(report.withoutFile()).containsExactly("villennes");
		assertThat(report.ok()).isTrue();
		assertThat(this.catalog.byHost("villennes.localhost")).isPresent();
	}

	@Test
	void cguWhenEditedThenNewHashServed() throws IOException {
		String before = this.catalog.byId("ccve").orElseThrow().terms().sha256();
		Path cgu = this.tenants.resolve("cgu/ccve.md");
		Files.writeString(cgu, Files.readString(cgu) + "\nNouvel article.\n");
		// Filesystems with coarse timestamps would otherwise hide the edit.
		Files.setLastModifiedTime(cgu, FileTime.from(Instant.now().plusSeconds(10)));

		ReloadReport report = this.catalog.reload();

		assertThat(report.changed()).containsExactly("ccve");
		assertThat(this.catalog.byId("ccve").orElseThrow().terms().sha256()).isNotEqualTo(before);
	}

	@Test
	void nothingWhenChangedThenReloadReportsNothing() {
		TenantDefinition fresnes = this.catalog.byId("fresnes").orElseThrow();

		ReloadReport report = this.catalog.reload();

		assertThat(report.added()).isEmpty();
		assertThat(report.changed()).isEmpty();
		assertThat(report.ok()).isTrue();
		assertThat(this.catalog.byId("fresnes")).containsSame(fresnes);
	}

	@Test
	void overlayWhenStaffRaisedPolicyThenServedAndFileUnchangedDoesNotUndoIt() throws IOException {
		TenantDefinition.PasswordPolicy declared = this.catalog.byId("fresnes").orElseThrow().passwordPolicy();
		TenantDefinition.PasswordPolicy raised = new TenantDefinition.PasswordPolicy(14, declared.maxLength(), 1, 1, 1,
				1, true, true);
		this.catalog.setOverlay((tenants) -> withPolicy(tenants, "fresnes", raised));

		ReloadReport report = this.catalog.reload();

		assertThat(report.changed()).containsExactly("fresnes");
		assertThat(this.notified).endsWith("changed fresnes");
		assertThat(this.catalog.byId("fresnes").orElseThrow().passwordPolicy()).isEqualTo(raised);
		assertThat(this.catalog.byHost("fresnes.localhost").orElseThrow().passwordPolicy()).isEqualTo(raised);
		assertThat(this.catalog.declared("fresnes").orElseThrow().passwordPolicy()).isEqualTo(declared);

		// the operator edits something else in the file: the staff's policy stays
		write("fresnes.yaml", read("fresnes.yaml").replace("portalName: Espace Famille", "portalName: Espace Citoyen"));
		this.catalog.reload();

		assertThat(this.catalog.byId("fresnes").orElseThrow().portalName()).isEqualTo("Espace Citoyen");
		assertThat(this.catalog.byId("fresnes").orElseThrow().passwordPolicy()).isEqualTo(raised);
	}

	@Test
	void overlayWhenUnreadableThenNothingChangesUntilItIsReadable() throws IOException {
		TenantDefinition served = this.catalog.byId("fresnes").orElseThrow();
		this.catalog.setOverlay((tenants) -> {
			throw new IllegalStateException("database down");
		});
		write("fresnes.yaml", read("fresnes.yaml").replace("portalName: Espace Famille", "portalName: Espace Citoyen"));

		ReloadReport report = this.catalog.reload();

		assertThat(report.changed()).isEmpty();
		assertThat(this.catalog.byId("fresnes")).containsSame(served);

		this.catalog.setOverlay(TenantOverlay.NONE);
		assertThat(this.catalog.reload().changed()).containsExactly("fresnes");
		assertThat(this.catalog.byId("fresnes").orElseThrow().portalName()).isEqualTo("Espace Citoyen");
	}

	private static Map<String, TenantDefinition> withPolicy(Map<String, TenantDefinition> tenants, String id,
			TenantDefinition.PasswordPolicy policy) {
		Map<String, TenantDefinition> result = new java.util.TreeMap<>(tenants);
		result.computeIfPresent(id,
				(key, tenant) -> new TenantDefinition(tenant.id(), tenant.name(), tenant.portalName(), tenant.hosts(),
						tenant.branding(), tenant.contact(), tenant.terms(), policy, tenant.usernameMode(),
						tenant.steps(), tenant.fields(), tenant.accountTypes(), tenant.consent(), tenant.serviceKeys(),
						tenant.captcha(), tenant.activation(), tenant.keycloak(), tenant.source()));
		return result;
	}

	private String read(String name) throws IOException {
		return Files.readString(this.tenants.resolve(name));
	}

	private void write(String name, String content) throws IOException {
		Path file = this.tenants.resolve(name);
		Files.writeString(file, content);
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
	}

	private int lineOf(String name, String line) throws IOException {
		return Files.readAllLines(this.tenants.resolve(name)).indexOf(line) + 1;
	}

}
