package fr.espacecommun.terms.web;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.terms.TermsRenderer;
import fr.espacecommun.terms.internal.TermsAcceptances;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /mon-espace/cgu}: the CGU version in force, which a signed-in citizen who has
 * not accepted it must accept before any other Mon espace page; accepting stores the
 * proof and goes on to the page asked for.
 */
@Controller
class TermsAcceptanceController {

	private final TermsAcceptances acceptances;

	private final TermsRenderer renderer;

	TermsAcceptanceController(TermsAcceptances acceptances, TermsRenderer renderer) {
		this.acceptances = acceptances;
		this.renderer = renderer;
	}

	@GetMapping(TermsAcceptanceInterceptor.PAGE)
	String terms(@AuthenticationPrincipal OidcUser user, @RequestParam(defaultValue = "") String suite,
			HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		if (this.acceptances.hasAcceptedCurrent(tenant, user.getSubject())) {
			return "redirect:" + TermsAcceptanceInterceptor.safeContinuation(suite);
		}
		return page(tenant, suite, null, model);
	}

	@PostMapping(TermsAcceptanceInterceptor.PAGE)
	String accept(@AuthenticationPrincipal OidcUser user, @RequestParam(defaultValue = "") String accept,
			@RequestParam(defaultValue = "") String sha256, @RequestParam(defaultValue = "") String suite,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		TenantDefinition tenant = tenant(request);
		if (!tenant.terms().sha256().equals(sha256)) {
			// a new version was published while the citizen read the previous one: they
			// accept only a text they were shown
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return page(tenant, suite, "citizen.cgu.changed", model);
		}
		if (!accept.equals("true")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(tenant, suite, "citizen.cgu.refused", model);
		}
		if (!this.acceptances.hasAcceptedCurrent(tenant, user.getSubject())) {
			this.acceptances.acceptCurrent(tenant, user.getSubject(), username(user));
		}
		return "redirect:" + TermsAcceptanceInterceptor.safeContinuation(suite);
	}

	private String page(TenantDefinition tenant, String suite, String error, Model model) {
		model.addAttribute("terms", tenant.terms());
		model.addAttribute("termsHtml", this.renderer.toSafeHtml(tenant.id(), tenant.terms().markdown()));
		model.addAttribute("suite", TermsAcceptanceInterceptor.safeContinuation(suite));
		model.addAttribute("error", error);
		return "citizen/cgu";
	}

	private static String username(OidcUser user) {
		return (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject();
	}

	private static TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
