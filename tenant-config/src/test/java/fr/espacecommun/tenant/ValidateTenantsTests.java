package fr.espacecommun.tenant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.espacecommun.tenant.internal.BadTenantFilesTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline validator's output and exit codes. */
class ValidateTenantsTests {

	ByteArrayOutputStream out = new ByteArrayOutputStream();

	ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void realTenantsWhenValidatedThenExitZero() {
		assertThat(run("../tenants")).isZero();
		assertThat(output(this.out)).contains("5 tenant(s) valid: ccplm, ccve, fresnes, velizy, villennes");
	}

	@Test
	void badFilesWhenValidatedThenOneLinePerErrorAndExitOne() {
		assertThat(run("src/test/resources/bad")).isEqualTo(1);
		assertThat(output(this.out).lines()).hasSize(68)
			.contains("syntax.yaml:2:14: [yaml.syntax] « clé: valeur » inattendu ici : une valeur contenant « : » "
					+ "doit être entre guillemets, ou l'indentation de cette ligne est fausse")
			.contains("contrast.yaml:7:17: [branding.contrast] primaryColor '#ffcc00' a un contraste de 1,51:1 "
					+ "sur fond blanc ; le niveau AA du RGAA (WCAG) demande 4,5:1")
			// two new files claiming one host: both refused, each naming the other
			.contains("hostclasha.yaml:5:5: [hosts.unique] l'hôte 'mairie.localhost' est aussi demandé par "
					+ "hostclashb.yaml, et aucune commune ne le sert encore : il doit n'être déclaré que par un fichier")
			.contains("hostclashb.yaml:5:5: [hosts.unique] l'hôte 'mairie.localhost' est aussi demandé par "
					+ "hostclasha.yaml, et aucune commune ne le sert encore : il doit n'être déclaré que par un fichier");
		assertThat(output(this.err)).contains("62 file(s) refused");
	}

	@Test
	void badFilesWhenValidatedThenEveryMessageIsFrench() {
		run("src/test/resources/bad");
		// the words of the English messages these rules had, and of the libraries' own
		assertThat(output(this.out).lines()).allSatisfy((line) -> assertThat(line.substring(line.indexOf("] ") + 2))
			.doesNotContainPattern("\\b(is|the|must|found|does|not|needs|should|expected|property|"
					+ "cannot|while|mapping|value|allowed)\\b"));
	}

	@Test
	void duplicateHostWhenValidatedThenExitOne(@TempDir Path tenants) throws IOException {
		Path bad = BadTenantFilesTests.BAD;
		Files.createDirectories(tenants.resolve("cgu"));
		Files.createDirectories(tenants.resolve("logos"));
		Files.copy(bad.resolve("cgu/test.md"), tenants.resolve("cgu/test.md"));
		Files.copy(bad.resolve("logos/test.svg"), tenants.resolve("logos/test.svg"));
		String good = Files.readString(Path.of("src/test/resources/good/good.yaml"));
		Files.writeString(tenants.resolve("alpha.yaml"), good.replace("id: good", "id: alpha"));
		Files.writeString(tenants.resolve("beta.yaml"), good.replace("id: good", "id: beta"));

		assertThat(run(tenants.toString())).isEqualTo(1);
		// neither is served yet: both are refused, each naming the other
		assertThat(output(this.out).lines()).containsExactly(
				"alpha.yaml:5:5: [hosts.unique] l'hôte 'good.localhost' est aussi demandé par beta.yaml, "
						+ "et aucune commune ne le sert encore : il doit n'être déclaré que par un fichier",
				"beta.yaml:5:5: [hosts.unique] l'hôte 'good.localhost' est aussi demandé par alpha.yaml, "
						+ "et aucune commune ne le sert encore : il doit n'être déclaré que par un fichier");
	}

	@Test
	void missingFolderWhenValidatedThenUsageError() {
		assertThat(run("no/such/folder")).isEqualTo(2);
		assertThat(output(this.err)).contains("not a folder");
	}

	private int run(String... args) {
		return ValidateTenants.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private static String output(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
