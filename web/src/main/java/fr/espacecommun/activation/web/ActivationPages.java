package fr.espacecommun.activation.web;

import java.util.Locale;

import fr.espacecommun.activation.internal.ActivationTokens.Status;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/** What the activation link's pages share: the host's tenant and the dead-link page. */
final class ActivationPages {

	/** The page a link that cannot be used shows. */
	static final String INVALID = "activation/invalid";

	/** The page shown while Keycloak cannot be reached. */
	static final String UNAVAILABLE = "activation/unavailable";

	private ActivationPages() {
	}

	/** The dead-link page: 404 for an unknown link, 410 for a used or expired one. */
	static String invalid(Status status, HttpServletResponse response, Model model) {
		response.setStatus((status == Status.UNKNOWN) ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_GONE);
		model.addAttribute("reason", "activation.invalid." + status.name().toLowerCase(Locale.ROOT));
		return INVALID;
	}

	/** The 503 page while Keycloak cannot be reached. */
	static String unavailable(HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		return UNAVAILABLE;
	}

	/** The host's commune; on the platform host activation links do not exist (404). */
	static TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
