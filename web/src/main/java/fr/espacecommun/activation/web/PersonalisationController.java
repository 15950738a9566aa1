package fr.espacecommun.activation.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import fr.espacecommun.activation.internal.Personalisation;
import fr.espacecommun.servicekey.ServiceKeyCheck;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.terms.TermsRenderer;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.FieldRules;
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
 * The last steps of a pre-provisioned account's personalisation, once its own credentials
 * are chosen ({@link CredentialsController}): check the service keys, with the wizard's
 * rule for a key, and accept the CGU, which activates the account.
 */
@Controller
@RequestMapping("/activation/{token}")
class PersonalisationController {

	private final Personalisation personalisation;

	private final TermsRenderer terms = new TermsRenderer();

	private final MessageSource messages;

	private final Clock clock;

	PersonalisationController(Personalisation personalisation, MessageSource messages, Clock clock) {
		this.personalisation = personalisation;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/services")
	String keysForm(@PathVariable String token, HttpServletRequest request, Model model) {
		if (!credentialsChosen(request, token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		TenantDefinition tenant = ActivationPages.tenant(request);
		return keysPage(token, tenant, this.personalisation.serviceKeys(tenant, token), Map.of(), model);
	}

	@PostMapping("/services")
	String saveKeys(@PathVariable String token, @RequestParam Map<String, String> form, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (!credentialsChosen(request, token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		TenantDefinition tenant = ActivationPages.tenant(request);
		LocalDate today = LocalDate.now(this.clock.withZone(FrenchDates.PARIS));
		Map<String, String> typed = new LinkedHashMap<>();
		Map<String, String> keys = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		for (ServiceKeyDefinition definition : tenant.serviceKeys()) {
			String value = form.getOrDefault("key-" + definition.id(), "");
			typed.put(definition.id(), value.strip().toUpperCase(Locale.ROOT));
			FieldRules.Result result = ServiceKeyCheck.check(tenant, definition, value, today);
			result.error().ifPresent((error) -> errors.put(definition.id(), text(error)));
			keys.put(definition.id(), result.value());
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return keysPage(token, tenant, typed, errors, model);
		}
		this.personalisation.saveServiceKeys(tenant, token, keys);
		return "redirect:/activation/" + token + "/cgu";
	}

	@GetMapping("/cgu")
	String termsForm(@PathVariable String token, HttpServletRequest request, Model model) {
		if (!credentialsChosen(request, token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		return termsPage(token, ActivationPages.tenant(request), false, model);
	}

	@PostMapping("/cgu")
	String acceptTerms(@PathVariable String token, @RequestParam(defaultValue = "") String accept,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!credentialsChosen(request, token)) {
			return "redirect:/activation/" + token + "/identifiants";
		}
		TenantDefinition tenant = ActivationPages.tenant(request);
		if (!accept.equals("true")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return termsPage(token, tenant, true, model);
		}
		String username = this.personalisation.acceptTermsAndActivate(tenant, token);
		PersonalisationSession.signOut(request);
		model.addAttribute("username", username);
		return "activation/done";
	}

	/** Signed in with the mailed credentials, and one's own already chosen. */
	private boolean credentialsChosen(HttpServletRequest request, String token) {
		return PersonalisationSession.isSignedIn(request, token)
				&& this.personalisation.credentialsChosen(ActivationPages.tenant(request), token);
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
		model.addAttribute("termsHtml", this.terms.toSafeHtml(tenant.terms().markdown()));
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

	private String text(FieldError error) {
		return this.messages.getMessage("wizard.error." + error.code(), error.args().toArray(), Locale.FRENCH);
	}

}
