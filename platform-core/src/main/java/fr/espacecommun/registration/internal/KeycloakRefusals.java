package fr.espacecommun.registration.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.registration.RegistrationService.EmailTakenException;
import fr.espacecommun.registration.RegistrationService.PasswordRejectedException;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak's refusals of an Admin API call, read from its answer's body and turned into
 * the registration contract's exceptions.
 */
public final class KeycloakRefusals {

	private static final JsonMapper json = JsonMapper.builder().build();

	private KeycloakRefusals() {
	}

	/** A 409: the e-mail address or, failing that, the username is taken. */
	public static RuntimeException conflict(Response response, String username, @Nullable String email) {
		String body = body(response);
		if (body.contains("same email") && email != null) {
			return new EmailTakenException(email);
		}
		return new UsernameTakenException(username);
	}

	/** A 400: the password against the realm's policy, or another refusal. */
	public static RuntimeException badRequest(Response response) {
		String body = body(response);
		if (body.contains("invalidPassword") || body.toLowerCase(Locale.ROOT).contains("password")) {
			return new PasswordRejectedException(errorKey(body));
		}
		return new IllegalArgumentException("Keycloak refused the account: " + body);
	}

	/**
	 * Keycloak's message key ({@code {"errorMessage":"invalidPasswordMinLengthMessage",
	 * "params":["12"]}} or {@code {"error":"…","error_description":"…"}}): the first
	 * {@code error} or {@code errorMessage} text of the body, else the body itself.
	 */
	static String errorKey(String body) {
		try {
			return firstErrorText(json.readTree(body)).orElse(body);
		}
		catch (JacksonException ex) {
			return body;
		}
	}

	public static String body(Response response) {
		try {
			response.bufferEntity();
			return response.hasEntity() ? response.readEntity(String.class) : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	// depth first, in the body's order
	private static Optional<String> firstErrorText(JsonNode node) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				boolean error = property.getKey().equals("error") || property.getKey().equals("errorMessage");
				if (error && property.getValue().isString()) {
					return Optional.of(property.getValue().stringValue());
				}
				Optional<String> nested = firstErrorText(property.getValue());
				if (nested.isPresent()) {
					return nested;
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node.values()) {
				Optional<String> nested = firstErrorText(element);
				if (nested.isPresent()) {
					return nested;
				}
			}
		}
		return Optional.empty();
	}

}
