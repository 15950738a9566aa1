package fr.espacecommun.activation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import fr.espacecommun.activation.internal.AccountActivation;
import fr.espacecommun.activation.internal.ActivationTokens.Purpose;
import fr.espacecommun.activation.internal.ActivationTokens.Status;
import fr.espacecommun.activation.internal.ActivationTokens.Token;
import fr.espacecommun.activation.internal.Personalisation;
import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.registration.RegistrationService.PasswordRejectedException;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The first steps of a pre-provisioned account's personalisation, from its mailed link,
 * as Vélizy's guide describes them: sign in with the mailed credentials, then choose
 * one's own. The service keys and the CGU follow ({@link PersonalisationController}).
 */
@Controller
@RequestMapping("/activation/{token}")
class CredentialsController {

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9._@-]{3,60}");

	private final AccountActivation activation;

	private final Personalisation personalisation;

	private final MessageSource messages;

	CredentialsController(AccountActivation activation, Personalisation personalisation, MessageSource messages) {
		this.activation = activation;
		this.personalisation = personalisation;
		this.messages = messages;
	}

	@GetMapping("/connexion")
	String signInForm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (!preProvisionedLink(ActivationPages.tenant(request), token, response, model)) {
			return ActivationPages.INVALID;
		}
		model.addAttribute("token", token);
		return "activation/signin";
	}

	@PostMapping("/connexion")
	String signIn(@PathVariable String token, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		TenantDefinition tenant = ActivationPages.tenant(request);
		if (!preProvisionedLink(tenant, token, response, model)) {
			return ActivationPages.INVALID;
		}
		if (!this.personalisation.signIn(tenant, token, username, password)) {
			model.addAttribute("token", token);
			model.addAttribute("username", username);
			model.addAttribute("error", text("activation.signin.error"));
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return "activation/signin";
		}
		PersonalisationSession.signIn(request, token);
		return "redirect:/activation/" + token + "/identifiants";
	}

	@GetMapping("/identifiants")
	String credentialsForm(@PathVariable String token, HttpServletRequest request, Model model) {
		if (!PersonalisationSession.isSignedIn(request, token)) {
			return "redirect:/activation/" + token + "/connexion";
		}
		TenantDefinition tenant = ActivationPages.tenant(request);
		model.addAttribute("token", token);
		model.addAttribute("username", this.personalisation.username(tenant, token));
		model.addAttribute("errors", Map.of());
		model.addAttribute("wording", PasswordRules.wording(tenant.passwordPolicy()));
		return "activation/credentials";
	}

	@PostMapping("/identifiants")
	String chooseCredentials(@PathVariable String token, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!PersonalisationSession.isSignedIn(request, token)) {
			return "redirect:/activation/" + token + "/connexion";
		}
		TenantDefinition tenant = ActivationPages.tenant(request);
		String wanted = username.strip().toLowerCase(Locale.ROOT);
		Map<String, String> errors = new LinkedHashMap<>();
		if (!USERNAME.matcher(wanted).matches()) {
			errors.put("username", text("activation.credentials.username.invalid"));
		}
		String unmet = unmetRules(tenant, password, wanted);
		if (password.isEmpty()) {
			errors.put("password", text("activation.credentials.password.required"));
		}
		else if (unmet != null) {
			errors.put("password", unmet);
		}
		else if (!password.equals(confirmation)) {
			errors.put("confirmation", text("activation.credentials.confirmation.mismatch"));
		}
		if (errors.isEmpty()) {
			try {
				this.personalisation.chooseCredentials(tenant, token, wanted, password);
				return "redirect:/activation/" + token + "/services";
			}
			catch (UsernameTakenException ex) {
				errors.put("username", text("activation.credentials.username.taken"));
			}
			catch (PasswordRejectedException ex) {
				errors.put("password", text("activation.credentials.password.rejected"));
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("token", token);
		model.addAttribute("username", username);
		model.addAttribute("errors", errors);
		model.addAttribute("wording", PasswordRules.wording(tenant.passwordPolicy()));
		return "activation/credentials";
	}

	private boolean preProvisionedLink(TenantDefinition tenant, String token, HttpServletResponse response,
			Model model) {
		Token found = this.activation.inspect(tenant, token);
		if (found.status() == Status.VALID && found.purpose() == Purpose.PRE_PROVISIONED) {
			return true;
		}
		ActivationPages.invalid((found.status() == Status.VALID) ? Status.UNKNOWN : found.status(), response, model);
		return false;
	}

	/** The unmet rules in the commune's wording, or null when the password passes. */
	private @Nullable String unmetRules(TenantDefinition tenant, String password, String username) {
		PasswordRules.PasswordCheck check = PasswordRules.check(tenant.passwordPolicy(), password, username, null);
		if (check.ok()) {
			return null;
		}
		List<String> labels = check.unmet().stream().map(PasswordRules.Rule::label).toList();
		return text("activation.credentials.password.unmet", PasswordRules.wording(tenant.passwordPolicy()),
				String.join(", ", labels));
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, Locale.FRENCH);
	}

}
