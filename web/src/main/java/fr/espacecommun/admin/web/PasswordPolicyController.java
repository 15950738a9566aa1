package fr.espacecommun.admin.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.security.StaffMember;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The commune's password policy ({@code /admin/mot-de-passe}): edited by its staff, rated
 * against the CNIL's recommendation before and after publishing, and applied at once by
 * the realm and the wizard once published.
 * <p>
 * A policy under the CNIL's 50 bits is published only once the staff member confirms it:
 * the recommendation is not binding and the commune, as data controller, decides (the
 * rules some communes print in their own guides fall under it), but never unknowingly.
 */
@Controller
class PasswordPolicyController {

	static final String PATH = "/admin/mot-de-passe";

	private static final Locale FRENCH = Locale.FRENCH;

	private final TenantSettings settings;

	private final MessageSource messages;

	PasswordPolicyController(TenantSettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
	}

	@GetMapping(PATH)
	String show(HttpServletRequest request, Model model) {
		TenantDefinition tenant = CurrentTenant.of(request).orElseThrow();
		PasswordPolicy served = tenant.passwordPolicy();
		return page(model, tenant, PasswordPolicyForm.of(served), Map.of(), served, false);
	}

	@PostMapping(PATH)
	String submit(@RequestParam Map<String, String> parameters, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		TenantDefinition tenant = CurrentTenant.of(request).orElseThrow();
		PasswordPolicyForm form = PasswordPolicyForm.posted(parameters);
		PasswordPolicyForm.Checked checked = form.check();
		Map<String, String> errors = messages(checked.errors());
		PasswordPolicy proposed = checked.policy();
		boolean publish = "publish".equals(parameters.get("action"));
		if (proposed == null || !publish) {
			if (!errors.isEmpty()) {
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			}
			return page(model, tenant, form, errors, proposed, proposed != null);
		}
		if (proposed.equals(tenant.passwordPolicy())) {
			model.addAttribute("unchanged", true);
			return page(model, tenant, form, errors, proposed, true);
		}
		if (CnilVerdict.of(proposed, this.messages).below() && !form.confirmWeak()) {
			errors.put("confirmWeak", text("admin.password.error.confirmWeak"));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(model, tenant, form, errors, proposed, true);
		}
		this.settings.publishPasswordPolicy(tenant, proposed, StaffMember.name(authentication));
		redirect.addFlashAttribute("published", true);
		return "redirect:" + PATH;
	}

	/**
	 * The page: the form, and the rating of {@code rated} (the policy served, or the one
	 * typed when {@code typed}).
	 */
	private String page(Model model, TenantDefinition tenant, PasswordPolicyForm form, Map<String, String> errors,
			PasswordPolicy rated, boolean typed) {
		model.addAttribute("form", form);
		model.addAttribute("numbers", PasswordPolicyForm.NUMBERS);
		model.addAttribute("fieldErrors", errors);
		List<FormError> summary = new ArrayList<>();
		errors.forEach((field, message) -> summary.add(new FormError("#champ-" + field, message)));
		model.addAttribute("errors", summary);
		model.addAttribute("served", tenant.passwordPolicy());
		model.addAttribute("servedVerdict", CnilVerdict.of(tenant.passwordPolicy(), this.messages));
		model.addAttribute("servedWording", PasswordRules.wording(tenant.passwordPolicy()));
		if (typed && rated != null) {
			model.addAttribute("typedVerdict", CnilVerdict.of(rated, this.messages));
			model.addAttribute("typedWording", PasswordRules.wording(rated));
		}
		CnilVerdict shown = (typed && rated != null) ? CnilVerdict.of(rated, this.messages)
				: CnilVerdict.of(tenant.passwordPolicy(), this.messages);
		model.addAttribute("askConfirmation", shown.below());
		return "admin/password-policy";
	}

	private Map<String, String> messages(Map<String, PasswordPolicyForm.Problem> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : PasswordPolicyForm.NUMBERS) {
			PasswordPolicyForm.Problem problem = problems.get(field);
			if (problem != null) {
				Object[] arguments = new Object[problem.arguments().length + 1];
				arguments[0] = text("admin.password.field." + field);
				System.arraycopy(problem.arguments(), 0, arguments, 1, problem.arguments().length);
				errors.put(field,
						this.messages.getMessage("admin.password.error." + problem.code(), arguments, FRENCH));
			}
		}
		return errors;
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, FRENCH);
	}

}
