package fr.espacecommun.tenant;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline validator's output and exit codes. */
class ValidateTenantsTests {

	ByteArrayOutputStream out = new ByteArrayOutputStream();

	ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void realTenantsWhenValidatedThenExitZero() {
		assertThat(run("../tenants")).isZero();
		assertThat(output(this.out)).contains("5 commune(s) valide(s) : ccplm, ccve, fresnes, velizy, villennes");
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
		assertThat(output(this.err)).contains("62 fichier(s) refusé(s)");
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
	void clustersGivenWhenValidatedThenFilesCheckedAgainstThem() {
		// the communes' files name cluster "default": a platform without it refuses them
		// all
		assertThat(run("--clusters=east,west", "../tenants")).isEqualTo(1);
		assertThat(output(this.out).lines()).hasSize(5)
			.allSatisfy((line) -> assertThat(line).contains("[keycloak.cluster-unknown]")
				.contains("clusters connus : east, west"));
		assertThat(run("--clusters=default,east", "--platform-hosts=fresnes.localhost", "../tenants")).isEqualTo(1);
		assertThat(output(this.out)).contains("fresnes.yaml:8:5: [hosts.platform]");
	}

	@Test
	void missingFolderWhenValidatedThenUsageError() {
		assertThat(run("no/such/folder")).isEqualTo(2);
		assertThat(output(this.err)).contains("ce n'est pas un dossier");
	}

	private int run(String... args) {
		return ValidateTenants.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private static String output(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
