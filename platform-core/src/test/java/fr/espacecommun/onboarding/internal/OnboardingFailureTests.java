package fr.espacecommun.onboarding.internal;

import java.net.ConnectException;
import java.nio.file.Path;

import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServiceUnavailableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads on {@code /platform} when a commune's onboarding failed: French,
 * what happens next, and no Java name (issue 15).
 */
class OnboardingFailureTests {

	private static final TenantDefinition FRESNES = fresnes();

	static Object[][] failures() {
		return new Object[][] {
				{ new ProcessingException(new ConnectException("Connection refused")),
						"le cluster Keycloak 'default' ne répond pas : la création du royaume fresnes reprendra" },
				{ new ServiceUnavailableException(), "a refusé la création du royaume fresnes (réponse 503)" },
				{ new DataAccessResourceFailureException("connection closed"),
						"la base de données n'a pas pu préparer le schéma t_fresnes" },
				{ new IllegalStateException("boom"),
						"la création de la commune a échoué : nouvel essai automatique" } };
	}

	@ParameterizedTest
	@MethodSource("failures")
	void failureWhenShownThenFrenchWithoutJavaNames(RuntimeException failure, String expected) {
		String shown = OnboardingFailure.french(failure, FRESNES);
		assertThat(shown).contains(expected)
			.doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
			.doesNotContain("java.", "jakarta.", "org.");
	}

	private static TenantDefinition fresnes() {
		FileTenantCatalog catalog = new FileTenantCatalog(
				Path.of(System.getProperty("espace.tenants.dir", "../tenants")));
		catalog.reload();
		return catalog.byId("fresnes").orElseThrow();
	}

}
