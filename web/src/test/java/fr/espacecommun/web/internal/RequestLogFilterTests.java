package fr.espacecommun.web.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the request log writes of a path: never a secret it carries (issue 16). */
class RequestLogFilterTests {

	@ParameterizedTest
	@CsvSource(
			textBlock = """
					/activation/Zq3xT0vK9cL2mN8pR4sW6yB1dF5gH7jA0kE2uI4oX9Q,                  /activation/[masqué]
					/activation/Zq3xT0vK9cL2mN8pR4sW6yB1dF5gH7jA0kE2uI4oX9Q/identifiants,     /activation/[masqué]/identifiants
					/activation/abc123,                                                       /activation/[masqué]
					/activation/nouveau-lien,                                                 /activation/nouveau-lien
					/admin/comptes/6f1c2a9e-2b7d-4c1e-9a55-0d3f8e2b7c41,                      /admin/comptes/6f1c2a9e-2b7d-4c1e-9a55-0d3f8e2b7c41
					/quelque/part/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-,                    /quelque/part/[masqué]
					/inscription/credentials,                                                 /inscription/credentials
					""")
	void pathWhenLoggedThenSecretsMasked(String path, String logged) {
		assertThat(RequestLogFilter.safePath(path)).isEqualTo(logged);
	}

}
