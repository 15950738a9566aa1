package fr.espacecommun.terms.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After accepting the CGU a citizen goes on to the Mon espace page asked for, never
 * elsewhere.
 */
class TermsContinuationTests {

	@ParameterizedTest
	@ValueSource(strings = { "/mon-espace", "/mon-espace?vue=profil", "/mon-espace/cles", "/mon-espace/a/b?x=1&y=2" })
	void continuationWhenMonEspacePageThenKept(String asked) {
		assertThat(TermsAcceptanceInterceptor.safeContinuation(asked)).isEqualTo(asked);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "//evil.example.org/mon-espace", "https://evil.example.org/mon-espace", "/admin",
			"/mon-espace-pirate", "/mon-espace/cgu", "/mon-espace/cgu?suite=/mon-espace", "/mon-espace\\@evil",
			"/mon-espace/{x}", "/mon-espace/\r\nSet-Cookie:x", "javascript:alert(1)" })
	void continuationWhenAnythingElseThenMonEspaceHome(String asked) {
		assertThat(TermsAcceptanceInterceptor.safeContinuation(asked)).isEqualTo("/mon-espace");
	}

}
