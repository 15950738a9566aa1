package fr.espacecommun.rights.web;

import java.nio.charset.StandardCharsets;

import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.rights.internal.CitizenRights;
import fr.espacecommun.rights.internal.CitizenSummary;
import fr.espacecommun.rights.internal.Erasure;
import fr.espacecommun.security.StaffMember;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.wizard.FieldRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Citizens' data rights for the commune's staff ({@code /admin/usagers}, on the commune's
 * own host, role {@code tenant-admin} checked by Spring Security): find a citizen, export
 * their data as JSON, erase them after typing their username. An id that is not a citizen
 * of the host's realm is "not found", whichever commune it belongs to.
 */
@Controller
@RequestMapping("/admin/usagers")
class CitizenRightsController {

	private static final Logger logger = LoggerFactory.getLogger(CitizenRightsController.class);

	static final int MIN_QUERY = 2;

	static final int MAX_QUERY = 100;

	private final CitizenRights rights;

	CitizenRightsController(CitizenRights rights) {
		this.rights = rights;
	}

	@ModelAttribute
	void limits(Model model) {
		model.addAttribute("minQuery", MIN_QUERY);
		model.addAttribute("maxQuery", MAX_QUERY);
		model.addAttribute("maxResults", CitizenRights.MAX_RESULTS);
	}

	@GetMapping
	String search(@RequestParam(name = "q", required = false) @Nullable String query, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		TenantDefinition tenant = tenant(request);
		String typed = (query != null) ? query.strip() : "";
		model.addAttribute("query", typed);
		if (query == null) {
			return "admin/usagers";
		}
		// Keycloak answers a search holding NUL or the like with a 400
		boolean control = FieldRules.hasControlCharacters(typed);
		if (typed.length() < MIN_QUERY || typed.length() > MAX_QUERY || control) {
			model.addAttribute("queryError", control ? "rights.search.control"
					: (typed.length() < MIN_QUERY) ? "rights.search.tooShort" : "rights.search.tooLong");
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "admin/usagers";
		}
		model.addAttribute("results", this.rights.search(tenant, typed));
		return "admin/usagers";
	}

	@GetMapping("/{id}")
	String citizen(@PathVariable String id, HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		model.addAttribute("citizen", found(tenant, id));
		model.addAttribute("holdings", this.rights.holdings(tenant, id));
		return "admin/usager";
	}

	@PostMapping("/{id}/export")
	ResponseEntity<byte[]> export(@PathVariable String id, HttpServletRequest request, Authentication authentication) {
		TenantDefinition tenant = tenant(request);
		byte[] json = this.rights.export(tenant, id, StaffMember.name(authentication)).orElseThrow(this::notFound);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("donnees-usager-" + id + ".json", StandardCharsets.UTF_8)
						.build()
						.toString())
			// personal data: never kept by a browser or proxy cache
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(json);
	}

	@GetMapping("/{id}/effacement")
	String confirmErasure(@PathVariable String id, HttpServletRequest request, Model model) {
		model.addAttribute("citizen", found(tenant(request), id));
		model.addAttribute("confirmation", "");
		return "admin/usager-effacement";
	}

	@PostMapping("/{id}/effacement")
	String erase(@PathVariable String id, @RequestParam(defaultValue = "") String confirmation,
			HttpServletRequest request, HttpServletResponse response, Authentication authentication, Model model,
			RedirectAttributes redirect) {
		TenantDefinition tenant = tenant(request);
		CitizenSummary citizen = found(tenant, id);
		if (!CitizenAccounts.normalise(confirmation).equals(citizen.username())) {
			model.addAttribute("citizen", citizen);
			model.addAttribute("confirmation", confirmation);
			model.addAttribute("confirmationError",
					confirmation.isBlank() ? "rights.erase.confirm.required" : "rights.erase.confirm.mismatch");
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "admin/usager-effacement";
		}
		Erasure erasure = this.rights.erase(tenant, id, StaffMember.name(authentication)).orElseThrow(this::notFound);
		redirect.addFlashAttribute("erased", erasure.username());
		return "redirect:/admin/usagers";
	}

	@ExceptionHandler(IdentityUnavailableException.class)
	String unavailable(IdentityUnavailableException ex, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		logger.warn("Citizen rights page: {}", ex.getMessage());
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		// exception handlers get an empty model: the page still needs its commune
		model.addAttribute("tenant", tenant(request));
		limits(model);
		model.addAttribute("query", "");
		model.addAttribute("unavailable", true);
		return "admin/usagers";
	}

	private CitizenSummary found(TenantDefinition tenant, String id) {
		return this.rights.find(tenant, id).orElseThrow(this::notFound);
	}

	private ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	private static TenantDefinition tenant(HttpServletRequest request) {
		// /admin/** is refused on the platform host before reaching here
		return CurrentTenant.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
