package fr.espacecommun.activation.web;

import fr.espacecommun.activation.internal.AccountActivation;
import fr.espacecommun.activation.internal.ActivationTokens.Purpose;
import fr.espacecommun.activation.internal.ActivationTokens.Status;
import fr.espacecommun.activation.internal.ActivationTokens.Token;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Activation links. An e-mail link shows a confirmation page and activates only on its
 * button (a POST: mail scanners following links activate nothing). A pre-provisioned
 * account's link opens the welcome page of its personalisation
 * ({@link PersonalisationController}).
 */
@Controller
@RequestMapping("/activation")
class ActivationController {

	private final AccountActivation activation;

	ActivationController(AccountActivation activation) {
		this.activation = activation;
	}

	@GetMapping("/{token}")
	String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		TenantDefinition tenant = ActivationPages.tenant(request);
		Token found = this.activation.inspect(tenant, token);
		if (found.status() != Status.VALID) {
			return ActivationPages.invalid(found.status(), response, model);
		}
		model.addAttribute("token", token);
		return (found.purpose() == Purpose.PRE_PROVISIONED) ? "activation/welcome" : "activation/confirm";
	}

	@PostMapping("/{token}")
	String activate(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		TenantDefinition tenant = ActivationPages.tenant(request);
		return this.activation.activate(tenant, token).map((username) -> {
			model.addAttribute("username", username);
			return "activation/done";
		}).orElseGet(() -> ActivationPages.invalid(this.activation.inspect(tenant, token).status(), response, model));
	}

	@PostMapping("/nouveau-lien")
	String resend(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
		if (!email.isBlank() && email.length() <= 320) {
			this.activation.resend(ActivationPages.tenant(request), email.strip());
		}
		return "activation/resent";
	}

}
