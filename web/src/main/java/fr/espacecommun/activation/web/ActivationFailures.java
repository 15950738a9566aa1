package fr.espacecommun.activation.web;

import fr.espacecommun.activation.internal.ActivationTokens.Status;
import fr.espacecommun.activation.internal.Personalisation.InvalidLinkException;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What the activation and personalisation pages show when a link was used meanwhile or
 * Keycloak cannot be reached: a French page with a way forward, for the three controllers
 * alike.
 */
@ControllerAdvice(
		assignableTypes = { ActivationController.class, CredentialsController.class, PersonalisationController.class })
class ActivationFailures {

	@ExceptionHandler(InvalidLinkException.class)
	String invalidLink(HttpServletResponse response, Model model) {
		return ActivationPages.invalid(Status.USED, response, model);
	}

	@ExceptionHandler(IdentityUnavailableException.class)
	String unavailable(HttpServletResponse response) {
		return ActivationPages.unavailable(response);
	}

}
