package fr.espacecommun.citizen.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.identity.CitizenPasswords;
import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.identity.PasswordRules.Rule;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.servicekey.ServiceKeyCheck;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.wizard.FieldRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The citizen's own space, after signing in through the commune's realm: profile, service
 * keys and activation state; contact details, keys and password can be changed here.
 */
@Controller
class MonEspaceController {

	private static final List<String> CONTACT_FIELDS = List.of("phone", "mobile", "fax");

	private static final int MAX_LENGTH = 100;

	private final CitizenRecords records;

	private final CitizenPasswords passwords;

	private final Duration passwordChangeMaxAuthAge;

	private final Clock clock;

	private final MessageSource messages;

	MonEspaceController(CitizenRecords records, CitizenPasswords passwords,
			@Value("${espace.citizen.password-change-max-auth-age:10m}") Duration passwordChangeMaxAuthAge, Clock clock,
			MessageSource messages) {
		this.records = records;
		this.passwords = passwords;
		this.passwordChangeMaxAuthAge = passwordChangeMaxAuthAge;
		this.clock = clock;
		this.messages = messages;
	}

	/**
	 * Starts the sign-in through the host's own realm; {@code reauthentification} asks
	 * the realm to ask for the password again (before a password change).
	 */
	@GetMapping("/connexion")
	String login(HttpServletRequest request) {
		return CurrentTenant.of(request)
			.map((tenant) -> "redirect:/oauth2/authorization/" + tenant.id()
					+ ((request.getParameter("reauthentification") != null) ? "?prompt=login" : ""))
			.orElse(CurrentTenant.isPlatform(request) ? "redirect:/oauth2/authorization/platform" : "redirect:/");
	}

	@GetMapping("/mon-espace")
	String monEspace(@AuthenticationPrincipal OidcUser user, HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		Map<String, Object> profile = this.records.profile(tenant, user.getSubject()).orElse(Map.of());
		model.addAttribute("username", user.getPreferredUsername());
		model.addAttribute("fullName", user.getFullName());
		model.addAttribute("email", user.getEmail());
		model.addAttribute("profile", profile);
		model.addAttribute("contactFields", contactFields(tenant, profile));
		model.addAttribute("preferredContact", profile.get("preferred_contact"));
		model.addAttribute("contactMethods", FieldRules.CONTACT_METHODS.stream().sorted().toList());
		model.addAttribute("keys", keys(tenant, user.getSubject()));
		model.addAttribute("passwordWording", PasswordRules.wording(tenant.passwordPolicy()));
		return "citizen/mon-espace";
	}

	@PostMapping("/mon-espace/coordonnees")
	String contact(@AuthenticationPrincipal OidcUser user, HttpServletRequest request,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		TenantDefinition tenant = tenant(request);
		Map<String, String> contact = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		for (ContactField field : contactFields(tenant, Map.of())) {
			String value = form.getOrDefault(field.id(), "").strip();
			contact.put(field.id(), value);
			if (!value.isEmpty() && (value.length() > MAX_LENGTH || FieldRules.hasControlCharacters(value)
					|| !FieldRules.isFrenchPhone(value))) {
				errors.put(field.id(), text("monEspace.contact.phoneInvalid", field.label()));
			}
		}
		String preferred = form.getOrDefault("preferredContact", "");
		if (!preferred.isEmpty() && !FieldRules.CONTACT_METHODS.contains(preferred)) {
			errors.put("preferredContact", text("monEspace.contact.preferredInvalid"));
		}
		contact.put("preferredContact", preferred);
		if (!errors.isEmpty()) {
			return again(user, request, model, errors, contact);
		}
		this.records.updateContact(tenant, user.getSubject(), contact, Instant.now(this.clock));
		redirect.addFlashAttribute("message", text("monEspace.contact.saved"));
		return "redirect:/mon-espace";
	}

	@PostMapping("/mon-espace/cles")
	String keys(@AuthenticationPrincipal OidcUser user, HttpServletRequest request,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		TenantDefinition tenant = tenant(request);
		Map<String, String> keys = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		for (ServiceKeyDefinition key : tenant.serviceKeys()) {
			String typed = form.getOrDefault("key-" + key.id(), "");
			if (typed.isBlank()) {
				// an empty key unlinks the service
				keys.put(key.id(), "");
				continue;
			}
			// the wizard's rule for the key, with its words
			FieldRules.Result checked = ServiceKeyCheck.check(tenant, key, typed,
					LocalDate.now(this.clock.withZone(FrenchDates.PARIS)));
			keys.put(key.id(), checked.value());
			checked.error()
				.ifPresent((error) -> errors.put("key-" + key.id(),
						text("wizard.error." + error.code(), error.args().toArray())));
		}
		if (!errors.isEmpty()) {
			return again(user, request, model, errors, form);
		}
		this.records.linkServiceKeys(tenant, user.getSubject(), keys, Instant.now(this.clock));
		redirect.addFlashAttribute("message", text("monEspace.keys.saved"));
		return "redirect:/mon-espace";
	}

	@PostMapping("/mon-espace/mot-de-passe")
	String password(@AuthenticationPrincipal OidcUser user, HttpServletRequest request,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
			Model model, RedirectAttributes redirect) {
		TenantDefinition tenant = tenant(request);
		// a password is changed only right after the citizen typed the current one at the
		// realm: a session left open elsewhere cannot be used to take the account over
		Instant authenticatedAt = Optional.ofNullable(user.getAuthenticatedAt()).orElse(Instant.EPOCH);
		if (authenticatedAt.plus(this.passwordChangeMaxAuthAge).isBefore(Instant.now(this.clock))) {
			return "redirect:/connexion?reauthentification";
		}
		Map<String, String> errors = new LinkedHashMap<>();
		if (!password.equals(confirmation)) {
			errors.put("confirmation", text("monEspace.password.mismatch"));
		}
		else {
			List<Rule> unmet = this.passwords.change(tenant, user.getSubject(), password);
			if (!unmet.isEmpty()) {
				errors.put("password", text("monEspace.password.unmet", PasswordRules.wording(tenant.passwordPolicy()),
						String.join(", ", unmet.stream().map(Rule::label).toList())));
			}
		}
		if (!errors.isEmpty()) {
			return again(user, request, model, errors, Map.of());
		}
		redirect.addFlashAttribute("message", text("monEspace.password.changed"));
		return "redirect:/mon-espace";
	}

	private String again(OidcUser user, HttpServletRequest request, Model model, Map<String, String> errors,
			Map<String, String> typed) {
		monEspace(user, request, model);
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		HttpServletResponse response = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getResponse();
		if (response != null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		return "citizen/mon-espace";
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, Locale.FRENCH);
	}

	private static TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** The phone fields the commune asks for, with its own labels. */
	private static List<ContactField> contactFields(TenantDefinition tenant, Map<String, Object> profile) {
		return CONTACT_FIELDS.stream()
			.filter((id) -> tenant.field(id)
				.map(FieldRule::requirement)
				.orElse(Requirement.HIDDEN) != Requirement.HIDDEN)
			.map((id) -> new ContactField(id, tenant.field(id).orElseThrow().label(),
					String.valueOf(Optional.ofNullable(profile.get(id)).orElse(""))))
			.toList();
	}

	private List<KeyView> keys(TenantDefinition tenant, String userId) {
		Map<String, CitizenRecords.LinkedKey> linked = this.records.serviceKeys(tenant, userId);
		return tenant.serviceKeys()
			.stream()
			.map((key) -> new KeyView(key.id(), key.label(), key.example(),
					Optional.ofNullable(linked.get(key.id())).map(CitizenRecords.LinkedKey::value).orElse(""),
					Optional.ofNullable(linked.get(key.id())).map(CitizenRecords.LinkedKey::verified).orElse(false)))
			.toList();
	}

	/** A phone field of the commune. */
	record ContactField(String id, String label, String value) {
	}

	/** A service key as shown in Mon espace. */
	record KeyView(String id, String label, String example, String value, boolean verified) {
	}

}
