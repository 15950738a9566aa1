package fr.espacecommun.registration.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's answers to a refused password, as its Admin API writes them, read for the
 * message key the pages turn into a French sentence.
 */
class KeycloakRefusalsTests {

	@Test
	void errorKeyWhenPolicyRefusesPasswordThenItsMessageKey() {
		assertThat(KeycloakRefusals.errorKey(
				"{\"field\":\"password\",\"errorMessage\":\"invalidPasswordMinLengthMessage\",\"params\":[\"12\"]}"))
			.isEqualTo("invalidPasswordMinLengthMessage");
	}

	@Test
	void errorKeyWhenOAuthStyleErrorThenItsError() {
		assertThat(KeycloakRefusals.errorKey(
				"{\"error\":\"invalidPasswordHistoryMessage\",\"error_description\":\"Mot de \\\"passe\\\" déjà utilisé\"}"))
			.isEqualTo("invalidPasswordHistoryMessage");
	}

	@Test
	void errorKeyWhenErrorsListedThenTheFirst() {
		assertThat(KeycloakRefusals.errorKey(
				"{\"errors\":[{\"errorMessage\":\"invalidPasswordNotUsernameMessage\"},{\"errorMessage\":\"other\"}]}"))
			.isEqualTo("invalidPasswordNotUsernameMessage");
	}

	@Test
	void errorKeyWhenBodyIsNoJsonThenTheBodyItself() {
		assertThat(KeycloakRefusals.errorKey("Bad Request")).isEqualTo("Bad Request");
		assertThat(KeycloakRefusals.errorKey("{\"status\":400}")).isEqualTo("{\"status\":400}");
	}

}
