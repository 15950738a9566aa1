package fr.espacecommun.activation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import fr.espacecommun.activation.AccountActivation;
import fr.espacecommun.activation.ActivationTokens.Purpose;
import fr.espacecommun.activation.ActivationTokens.Status;
import fr.espacecommun.activation.ActivationTokens.Token;
import fr.espacecommun.activation.Personalisation;
import fr.espacecommun.activation.Personalisation.InvalidLinkException;
import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.registration.RegistrationService.PasswordRejectedException;
import fr.espacecommun.registration.RegistrationService.UsernameTakenException;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.terms.TermsRenderer;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Activation links. An e-mail link shows a confirmation page and activates only on its
 * button (a POST: mail scanners following links activate nothing). A pre-provisioned
 * account's link opens the personalisation Vélizy's guide describes: sign in with the
 * mailed credentials, choose one's own, check the service keys, accept the CGU last.
 */
@Controller
@RequestMapping("/activation")
class ActivationController {

	private static final String SIGNED_IN = ActivationController.class.getName() + ".signedIn";

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9._@-]{3,60}");

	private final AccountActivation activation;

	private final Personalisation personalisation;

	private final TermsRenderer terms = new TermsRenderer();

	private final MessageSource messages;

	ActivationController(AccountActivation activation, Personalisation personalisation, MessageSource messages) {
		this.activation = activation;
		this.personalisation = personalisation;
		this.messages = messages;
	}

	@GetMapping("/{token}")
	String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		TenantDefinition tenant = tenant(request);
		Token found = this.activation.inspect(tenant, token);
		if (found.status() != Status.VALID) {
			return invalid(found.status(), response, model);
		}
		model.addAttribute("token", token);
		return (found.purpose() == Purpose.PRE_PROVISIONED) ? "activation/welcome" : "activation/confirm";
	}

	@PostMapping("/{token}")
	String activate(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		TenantDefinition tenant = tenant(request);
		return this.activation.activate(tenant, token).map((username) -> {
			model.addAttribute("username", username);
			return "activation/done";
		}).orElseGet(() -> invalid(this.activation.inspect(tenant, token).status(), response, model));
	}

	@PostMapping("/nouveau-lien")
	String resend(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
		if (!email.isBlank() && email.length() <= 320) {
			this.activation.resend(tenant(request), email.strip());
		}
		return "activation/resent";
	}

	@GetMapping("/{token}/connexion")
	String signInForm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (!preProvisionedLink(tenant(request), token, response, model)) {
			return "activation/invalid";
		}
		model.addAttribute("token", token);
		return "activation/signin";
	}

	@PostMapping("/{token}/connexion")
	String signIn(@PathVariable String token, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		TenantDefinition tenant = tenant(request);
		if (!preProvisionedLink(tenant, token, response, model)) {
			return "activation/invalid";
		}
		if (!this.personalisation.signIn(tenant, token, username, password)) {
			model.addAttribute("token", token);
			model.addAttribute("username", username);
			model.addAttribute("error", text("activation.signin.error"));
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return "activation/signin";
		}
		// a new id against session fixation; a session created now has a new one anyway
		// (Spring Session refuses to change the id of a session that does not exist)
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		request.getSession().setAttribute(SIGNED_IN, token);
		return "redirect:/activation/" + token + "/identifiants";
	}

	@GetMapping("/{token}/identifiants")
	String credentialsForm(@PathVariable String token, HttpServletRequest request, Model model) {
		if (!signedIn(request, token)) {
			return "redirect:/activation/" + token + "/connexion";
		}
		TenantDefinition tenant = tenant(request);
		model.addAttribute("token", token);
		model.addAttribute("username", this.personalisation.username(tenant, token));
		model.addAttribute("errors", Map.of());
		model.addAttribute("wording", wording(tenant));
		return "activation/credentials";
	}

	@PostMapping("/{token}/identifiants")
	String chooseCredentials(@PathVariable String token, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!signedIn(request, token)) {
			return "redirect:/activation/" + token + "/connexion";
		}
		TenantDefinition tenant = tenant(request);
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
		model.addAttribute("wording", wording(tenant));
		return "activation/credentials";
	}

	@GetMapping("/{token}/services")
	String keysForm(@PathVariable String token, HttpServletRequest request, Model model) {
		if (!signedIn(request, token) || !this.personalisation.credentialsChosen(tenant(request), token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		TenantDefinition tenant = tenant(request);
		return keysPage(token, tenant, this.personalisation.serviceKeys(tenant, token), Map.of(), model);
	}

	@PostMapping("/{token}/services")
	String saveKeys(@PathVariable String token, @RequestParam Map<String, String> form, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (!signedIn(request, token) || !this.personalisation.credentialsChosen(tenant(request), token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		TenantDefinition tenant = tenant(request);
		Map<String, String> keys = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		for (ServiceKeyDefinition definition : tenant.serviceKeys()) {
			String value = form.getOrDefault("key-" + definition.id(), "").strip().toUpperCase(Locale.ROOT);
			keys.put(definition.id(), value);
			if (value.isEmpty() && definition.required()) {
				errors.put(definition.id(), text("activation.keys.required"));
			}
			else if (!value.isEmpty() && !Pattern.compile(definition.pattern()).matcher(value).matches()) {
				errors.put(definition.id(), this.messages.getMessage("activation.keys.format",
						new Object[] { definition.example() }, Locale.FRENCH));
			}
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return keysPage(token, tenant, keys, errors, model);
		}
		this.personalisation.saveServiceKeys(tenant, token, keys);
		return "redirect:/activation/" + token + "/cgu";
	}

	@GetMapping("/{token}/cgu")
	String termsForm(@PathVariable String token, HttpServletRequest request, Model model) {
		if (!signedIn(request, token) || !this.personalisation.credentialsChosen(tenant(request), token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		return termsPage(token, tenant(request), false, model);
	}

	@PostMapping("/{token}/cgu")
	String acceptTerms(@PathVariable String token, @RequestParam(defaultValue = "") String accept,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!signedIn(request, token) || !this.personalisation.credentialsChosen(tenant(request), token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		TenantDefinition tenant = tenant(request);
		if (!accept.equals("true")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return termsPage(token, tenant, true, model);
		}
		String username = this.personalisation.acceptTermsAndActivate(tenant, token);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(SIGNED_IN);
		}
		model.addAttribute("username", username);
		return "activation/done";
	}

	@ExceptionHandler(InvalidLinkException.class)
	String invalidLink(HttpServletResponse response, Model model) {
		return invalid(Status.USED, response, model);
	}

	@ExceptionHandler(IdentityUnavailableException.class)
	String unavailable(HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		return "activation/unavailable";
	}

	private String keysPage(String token, TenantDefinition tenant, Map<String, String> values,
			Map<String, String> errors, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("services", tenant.serviceKeys());
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("intro", stepIntro(tenant, "service-keys"));
		return "activation/services";
	}

	private String termsPage(String token, TenantDefinition tenant, boolean refused, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("refused", refused);
		model.addAttribute("scrollToAccept", tenant.terms().scrollToAccept());
		model.addAttribute("intro", stepIntro(tenant, "cgu"));
		try {
			model.addAttribute("termsHtml", this.terms.toSafeHtml(tenant.terms().markdown()));
		}
		catch (UnsupportedOperationException ex) {
			// TermsRenderer not merged yet: the text as typed, escaped
			model.addAttribute("termsText", tenant.terms().markdown());
		}
		return "activation/terms";
	}

	private static @Nullable String stepIntro(TenantDefinition tenant, String type) {
		return tenant.steps()
			.stream()
			.filter((step) -> step.type().name().replace('_', '-').equalsIgnoreCase(type))
			.map(TenantDefinition.StepDefinition::intro)
			.findFirst()
			.orElse(null);
	}

	private boolean preProvisionedLink(TenantDefinition tenant, String token, HttpServletResponse response,
			Model model) {
		Token found = this.activation.inspect(tenant, token);
		if (found.status() == Status.VALID && found.purpose() == Purpose.PRE_PROVISIONED) {
			return true;
		}
		invalid((found.status() == Status.VALID) ? Status.UNKNOWN : found.status(), response, model);
		return false;
	}

	private static String invalid(Status status, HttpServletResponse response, Model model) {
		response.setStatus((status == Status.UNKNOWN) ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_GONE);
		model.addAttribute("reason", "activation.invalid." + status.name().toLowerCase(Locale.ROOT));
		return "activation/invalid";
	}

	private static boolean signedIn(HttpServletRequest request, String token) {
		HttpSession session = request.getSession(false);
		return session != null && token.equals(session.getAttribute(SIGNED_IN));
	}

	// the commune's own wording; none until PasswordRules is merged (Keycloak still
	// checks)
	private static @Nullable String wording(TenantDefinition tenant) {
		try {
			return PasswordRules.wording(tenant.passwordPolicy());
		}
		catch (UnsupportedOperationException ex) {
			return null;
		}
	}

	/** The unmet rules in the commune's wording, or null when the password passes. */
	private static @Nullable String unmetRules(TenantDefinition tenant, String password, String username) {
		try {
			PasswordRules.PasswordCheck check = PasswordRules.check(tenant.passwordPolicy(), password, username, null);
			if (check.ok()) {
				return null;
			}
			List<String> labels = check.unmet().stream().map(PasswordRules.Rule::label).toList();
			return PasswordRules.wording(tenant.passwordPolicy()) + " (" + String.join(", ", labels) + ")";
		}
		catch (UnsupportedOperationException ex) {
			return null;
		}
	}

	private String text(String key) {
		return this.messages.getMessage(key, null, Locale.FRENCH);
	}

	private static TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request).orElseThrow(() -> new IllegalStateException("No tenant for this host"));
	}

}
