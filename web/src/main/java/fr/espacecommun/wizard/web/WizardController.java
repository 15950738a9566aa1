package fr.espacecommun.wizard.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardPage;
import fr.espacecommun.wizard.internal.DraftExpiredException;
import fr.espacecommun.wizard.internal.DraftState;
import fr.espacecommun.wizard.internal.Outcome;
import fr.espacecommun.wizard.internal.PageResult;
import fr.espacecommun.wizard.internal.WizardAction;
import fr.espacecommun.wizard.internal.WizardEngine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The self-registration wizard's pages ({@code /inscription}). The draft's id travels in
 * an HttpOnly cookie bound to the commune's host (no Domain attribute), so the wizard
 * resumes after a restart or on another instance; everything else lives in the draft in
 * the commune's schema.
 */
@Controller
@RequestMapping("/inscription")
class WizardController {

	static final String COOKIE = DraftCookie.NAME;

	private final WizardEngine engine;

	private final WizardViews views;

	private final HeldPasswords heldPasswords;

	WizardController(WizardEngine engine, WizardViews views, HeldPasswords heldPasswords) {
		this.engine = engine;
		this.views = views;
		this.heldPasswords = heldPasswords;
	}

	@GetMapping
	String start(HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		if (tenant.isEmpty()) {
			return "redirect:/";
		}
		WizardDefinition wizard = this.engine.definition(tenant.get());
		if (!wizard.selfRegistration()) {
			return "wizard/closed";
		}
		UUID id = DraftCookie.read(request);
		if (id != null) {
			try {
				DraftState draft = this.engine.find(id);
				return (draft.outcome() != null) ? "redirect:/inscription/confirmation"
						: "redirect:/inscription/" + draft.currentStep();
			}
			catch (DraftExpiredException ex) {
				return expired(request, response);
			}
		}
		return "redirect:/inscription/" + wizard.first().slug();
	}

	@GetMapping("/{slug}")
	String page(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		if (tenant.isEmpty()) {
			return "redirect:/";
		}
		WizardDefinition wizard = this.engine.definition(tenant.get());
		Optional<WizardPage> page = wizard.page(slug);
		if (!wizard.selfRegistration() || page.isEmpty()) {
			return "redirect:/inscription";
		}
		UUID id = DraftCookie.read(request);
		if (id == null) {
			if (page.get().index() > 0) {
				return "redirect:/inscription/" + wizard.first().slug();
			}
			this.views.fill(model, wizard, page.get(), null, Map.of(), List.of(), List.of());
			return "wizard/page";
		}
		DraftState draft;
		try {
			draft = this.engine.prepare(tenant.get(), id, page.get());
		}
		catch (DraftExpiredException ex) {
			return expired(request, response);
		}
		if (draft.outcome() != null) {
			return "redirect:/inscription/confirmation";
		}
		if (page.get().index() > draft.reachedPage()) {
			return "redirect:/inscription/" + draft.currentStep();
		}
		this.views.fill(model, wizard, page.get(), draft, withAccountType(draft), List.of(), List.of());
		return "wizard/page";
	}

	@PostMapping("/{slug}")
	String post(@PathVariable String slug, @RequestParam MultiValueMap<String, String> params,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		if (tenant.isEmpty()) {
			return "redirect:/";
		}
		WizardDefinition wizard = this.engine.definition(tenant.get());
		Optional<WizardPage> page = wizard.page(slug);
		if (!wizard.selfRegistration() || page.isEmpty()) {
			return "redirect:/inscription";
		}
		UUID id = DraftCookie.read(request);
		if (id == null && page.get().index() > 0) {
			return "redirect:/inscription/" + wizard.first().slug();
		}
		Map<String, String> form = new LinkedHashMap<>();
		params.forEach((name, list) -> form.put(name, list.isEmpty() ? "" : list.get(0)));
		WizardAction action = WizardAction.of(form.remove("action"));
		PageResult result;
		try {
			result = this.engine.handle(tenant.get(), id, page.get(), form, action, heldPassword(request, id));
		}
		catch (DraftExpiredException ex) {
			return expired(request, response);
		}
		if (!result.draftId().equals(id)) {
			DraftCookie.write(request, response, result.draftId());
		}
		if (result instanceof PageResult.Go go) {
			if (go.passwordToHold() != null) {
				// the session only names the browser: the password stays in this
				// instance's memory, never in the session Spring Session stores
				this.heldPasswords.hold(request.getSession(true).getId(), go.draftId(), go.passwordToHold());
			}
			return "redirect:/inscription/" + go.slug();
		}
		if (result instanceof PageResult.Show show) {
			this.views.fill(model, wizard, show.page(), show.draft(), show.values(), show.errors(), show.suggestions());
			return "wizard/page";
		}
		if (result instanceof PageResult.ConfirmCancel) {
			return "redirect:/inscription/annuler";
		}
		if (result instanceof PageResult.Submitted) {
			forgetPassword(request, result.draftId());
			return "redirect:/inscription/confirmation";
		}
		if (result instanceof PageResult.Unavailable unavailable) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			model.addAttribute("retry", "/inscription/" + unavailable.slug());
			return "wizard/unavailable";
		}
		model.addAttribute("retry", "/inscription/confirmation");
		return "wizard/in-progress";
	}

	@GetMapping("/confirmation")
	String confirmation(HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		UUID id = DraftCookie.read(request);
		if (tenant.isEmpty() || id == null) {
			return "redirect:/inscription";
		}
		DraftState draft;
		try {
			draft = this.engine.find(id);
		}
		catch (DraftExpiredException ex) {
			return expired(request, response);
		}
		Outcome outcome = draft.outcome();
		if (outcome == null) {
			return "redirect:/inscription/" + draft.currentStep();
		}
		WizardDefinition wizard = this.engine.definition(tenant.get());
		model.addAttribute("heading", (wizard.confirmation() != null) ? wizard.confirmation().title()
				: this.views.text("wizard.confirmation.heading"));
		model.addAttribute("outcome", outcome);
		model.addAttribute("messages",
				this.engine.confirmation(tenant.get(), outcome).stream().map(this.views::text).toList());
		return "wizard/confirmation";
	}

	@GetMapping("/annuler")
	String cancelPage(HttpServletRequest request, Model model) {
		UUID id = DraftCookie.read(request);
		if (id == null) {
			return "redirect:/";
		}
		try {
			model.addAttribute("back", "/inscription/" + this.engine.find(id).currentStep());
		}
		catch (DraftExpiredException ex) {
			model.addAttribute("back", "/inscription");
		}
		return "wizard/cancel";
	}

	@PostMapping("/annuler")
	String cancel(HttpServletRequest request, HttpServletResponse response) {
		UUID id = DraftCookie.read(request);
		if (id != null) {
			this.engine.cancel(id);
			forgetPassword(request, id);
			DraftCookie.clear(request, response);
		}
		return "redirect:/";
	}

	/** The draft expired: say so in French and forget it, the next visit starts anew. */
	private String expired(HttpServletRequest request, HttpServletResponse response) {
		DraftCookie.clear(request, response);
		response.setStatus(HttpStatus.GONE.value());
		return "wizard/expired";
	}

	private static Map<String, String> withAccountType(DraftState draft) {
		Map<String, String> values = new LinkedHashMap<>(draft.values());
		values.put("accountType", draft.accountType());
		return values;
	}

	private @Nullable String heldPassword(HttpServletRequest request, @Nullable UUID id) {
		HttpSession session = request.getSession(false);
		if (session == null || id == null) {
			return null;
		}
		return this.heldPasswords.find(session.getId(), id);
	}

	private void forgetPassword(HttpServletRequest request, UUID id) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			this.heldPasswords.forget(session.getId(), id);
		}
	}

}
