package fr.espacecommun.web.internal;

import fr.espacecommun.web.internal.RequiredSettings.MissingSettingsException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A production start (the packaged jar: no embedded part) with a part not configured
 * stops with the setting named (issue 16).
 */
class RequiredSettingsTests {

	@Test
	void nothingConfiguredWhenStartingThenEachMissingSettingNamed() {
		MockEnvironment environment = new MockEnvironment();
		assertThatExceptionOfType(MissingSettingsException.class)
			.isThrownBy(() -> new RequiredSettings().postProcessEnvironment(environment, null))
			.satisfies((ex) -> {
				assertThat(ex.missing()).hasSize(3);
				assertThat(ex.getMessage()).startsWith("Espace Commun ne démarre pas, réglage manquant : ")
					.contains("spring.datasource.url", "espace.keycloak.clusters.default.url", "spring.mail.host")
					.doesNotContain("\n");
				FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription()).isEqualTo(ex.getMessage());
				assertThat(analysis.getAction()).contains("README");
			});
	}

	@Test
	void onlyTheMailServerForgottenWhenStartingThenItAloneNamed() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/espace")
			.withProperty("espace.keycloak.clusters.default.url", "https://auth.example.fr")
			.withProperty("espace.keycloak.clusters.default.admin-username", "plateforme");
		assertThat(RequiredSettings.missing(environment)).singleElement()
			.satisfies((missing) -> assertThat(missing).startsWith("spring.mail.host"));
		environment.setProperty("spring.mail.host", "smtp.example.fr");
		assertThat(RequiredSettings.missing(environment)).isEmpty();
	}

}
