package fr.espacecommun.terms.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.security.StaffMember;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.terms.TermsRenderer;
import fr.espacecommun.terms.internal.TermsAcceptances;
import fr.espacecommun.terms.internal.TermsHistory;
import fr.espacecommun.terms.internal.TermsHistory.TermsVersion;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The commune staff's CGU pages: the version in force, a Markdown editor with a preview
 * that publishes nothing, publication of a new version, and every past version with who
 * accepted it. Everything is read for the host's commune only.
 */
@Controller
class TermsAdminController {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** The wizard's draft keeps the label in 40 characters. */
	static final int MAX_LABEL = 40;

	static final int MAX_MARKDOWN = 200_000;

	private static final int PAGE_SIZE = 50;

	private final TenantSettings settings;

	private final TermsHistory history;

	private final TermsAcceptances acceptances;

	private final TermsRenderer renderer;

	private final MessageSource messages;

	private final Clock clock;

	TermsAdminController(TenantSettings settings, TermsHistory history, TermsAcceptances acceptances,
			TermsRenderer renderer, MessageSource messages, Clock clock) {
		this.settings = settings;
		this.history = history;
		this.acceptances = acceptances;
		this.renderer = renderer;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/admin/cgu")
	String editor(HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		return editorPage(tenant, proposedLabel(tenant), tenant.terms().markdown(), null, Map.of(), model);
	}

	@PostMapping("/admin/cgu")
	String submit(@RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "") String markdown,
			@RequestParam(defaultValue = "preview") String action, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		TenantDefinition tenant = tenant(request);
		// browsers send CRLF from a textarea; the text's hash must not depend on the
		// browser
		String text = markdown.replace("\r\n", "\n").replace('\r', '\n');
		String wanted = label.strip();
		boolean publish = action.equals("publish");
		Map<String, String> errors = new LinkedHashMap<>();
		if (text.isBlank()) {
			errors.put("markdown", message("admin.cgu.error.markdown.empty"));
		}
		else if (text.length() > MAX_MARKDOWN) {
			errors.put("markdown", message("admin.cgu.error.markdown.long", MAX_MARKDOWN));
		}
		if (publish) {
			labelError(tenant, wanted).ifPresent((error) -> errors.put("label", error));
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return editorPage(tenant, label, markdown, null, errors, model);
		}
		if (!publish) {
			return editorPage(tenant, label, markdown, this.renderer.toSafeHtml(tenant.id(), text), errors, model);
		}
		this.settings.publishTerms(tenant, wanted, text, StaffMember.name(authentication));
		redirect.addFlashAttribute("published", wanted);
		return "redirect:/admin/cgu";
	}

	@GetMapping("/admin/cgu/versions")
	String versions(HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		model.addAttribute("versions", this.history.versions(tenant));
		model.addAttribute("counts", this.acceptances.countsByVersion(tenant));
		return "admin/cgu-versions";
	}

	@GetMapping("/admin/cgu/versions/{number}")
	String version(@PathVariable String number, @RequestParam(defaultValue = "0") int page, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		TenantDefinition tenant = tenant(request);
		Optional<TermsVersion> found = parse(number).flatMap((n) -> this.history.version(tenant, n));
		if (found.isEmpty()) {
			// only the host commune's versions exist here, whatever other communes have
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("missing", number);
			return versions(request, model);
		}
		TermsVersion version = found.get();
		int current = Math.max(page, 0);
		long total = this.acceptances.proofCount(tenant, version.label());
		model.addAttribute("version", version);
		model.addAttribute("current", this.history.versions(tenant).get(0).number() == version.number());
		model.addAttribute("html", this.renderer.toSafeHtml(tenant.id(), version.markdown()));
		model.addAttribute("accepted", this.acceptances.acceptedBy(tenant, version.label(), current, PAGE_SIZE));
		model.addAttribute("total", total);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < total);
		return "admin/cgu-version";
	}

	private String editorPage(TenantDefinition tenant, String label, String markdown, String previewHtml,
			Map<String, String> errors, Model model) {
		List<TermsVersion> versions = this.history.versions(tenant);
		TermsVersion current = versions.get(0);
		model.addAttribute("currentVersion", current);
		model.addAttribute("currentHtml", this.renderer.toSafeHtml(tenant.id(), current.markdown()));
		model.addAttribute("label", label);
		model.addAttribute("markdown", markdown);
		model.addAttribute("previewHtml", previewHtml);
		model.addAttribute("errors", errors);
		model.addAttribute("maxLabel", MAX_LABEL);
		return "admin/cgu";
	}

	private Optional<String> labelError(TenantDefinition tenant, String label) {
		if (label.isEmpty()) {
			return Optional.of(message("admin.cgu.error.label.empty"));
		}
		if (label.length() > MAX_LABEL) {
			return Optional.of(message("admin.cgu.error.label.long", MAX_LABEL));
		}
		if (label.chars().anyMatch(Character::isISOControl)) {
			return Optional.of(message("admin.cgu.error.label.control"));
		}
		if (this.history.labelTaken(tenant, label)) {
			return Optional.of(message("admin.cgu.error.label.taken", label));
		}
		return Optional.empty();
	}

	/** Today's date, or the date with a suffix when a version already has it. */
	private String proposedLabel(TenantDefinition tenant) {
		String today = LocalDate.now(this.clock.withZone(PARIS)).toString();
		String label = today;
		for (int suffix = 2; this.history.labelTaken(tenant, label); suffix++) {
			label = today + "-" + suffix;
		}
		return label;
	}

	private String message(String key, Object... args) {
		return this.messages.getMessage(key, args, Locale.FRENCH);
	}

	private static Optional<Integer> parse(String number) {
		if (!number.matches("[0-9]{1,6}")) {
			return Optional.empty();
		}
		return Optional.of(Integer.parseInt(number));
	}

	private static TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
