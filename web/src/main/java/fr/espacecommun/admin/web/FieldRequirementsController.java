package fr.espacecommun.admin.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.security.StaffMember;
import fr.espacecommun.settings.FieldLocks;
import fr.espacecommun.settings.FieldLocks.Lock;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The wizard's fields ({@code /admin/champs}): the commune's staff make each field the
 * file declares required, optional or hidden, except those Keycloak or other rules depend
 * on ({@link FieldLocks}), shown disabled with the reason and refused when a request
 * tries to change them anyway. Published at once to the wizard.
 */
@Controller
class FieldRequirementsController {

	static final String PATH = "/admin/champs";

	/** Each field's choice is posted as {@code field.<id>}. */
	static final String PREFIX = "field.";

	private static final Locale FRENCH = Locale.FRENCH;

	private final TenantSettings settings;

	private final MessageSource messages;

	FieldRequirementsController(TenantSettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
	}

	@GetMapping(PATH)
	String show(HttpServletRequest request, Model model) {
		TenantDefinition tenant = CurrentTenant.of(request).orElseThrow();
		return page(model, tenant, Map.of(), Map.of(), List.of());
	}

	@PostMapping(PATH)
	String submit(@RequestParam Map<String, String> parameters, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		TenantDefinition tenant = CurrentTenant.of(request).orElseThrow();
		Map<String, String> fieldErrors = new LinkedHashMap<>();
		List<FormError> otherErrors = new ArrayList<>();
		for (String name : parameters.keySet()) {
			if (name.startsWith(PREFIX) && tenant.field(name.substring(PREFIX.length())).isEmpty()) {
				otherErrors.add(new FormError("#champs-formulaire",
						text("admin.fields.error.unknown", name.substring(PREFIX.length()))));
			}
		}
		Map<String, Requirement> chosen = new LinkedHashMap<>();
		Map<String, Requirement> editableNow = new LinkedHashMap<>();
		Map<String, String> kept = new LinkedHashMap<>();
		for (String id : declared(tenant)) {
			FieldRule rule = tenant.fields().get(id);
			String posted = parameters.get(PREFIX + id);
			Optional<Lock> lock = FieldLocks.lockOf(tenant, id);
			if (lock.isPresent()) {
				if (posted != null && !posted.equals(code(rule.requirement()))) {
					fieldErrors.put(id, text("admin.fields.error.locked", rule.label(), lockReason(lock.get())));
				}
				continue;
			}
			editableNow.put(id, rule.requirement());
			Requirement requirement = parse(posted);
			if (requirement == null) {
				fieldErrors.put(id, text("admin.fields.error.choice", rule.label()));
				continue;
			}
			chosen.put(id, requirement);
			kept.put(id, code(requirement));
		}
		if (!fieldErrors.isEmpty() || !otherErrors.isEmpty()) {
			// only a request the page cannot send gets here
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(model, tenant, kept, fieldErrors, otherErrors);
		}
		if (chosen.equals(editableNow)) {
			model.addAttribute("unchanged", true);
			return page(model, tenant, kept, fieldErrors, otherErrors);
		}
		this.settings.publishFieldRequirements(tenant, chosen, StaffMember.name(authentication));
		redirect.addFlashAttribute("published", true);
		return "redirect:" + PATH;
	}

	private String page(Model model, TenantDefinition tenant, Map<String, String> kept, Map<String, String> fieldErrors,
			List<FormError> otherErrors) {
		List<StepGroup> groups = new ArrayList<>();
		for (StepType step : StepType.values()) {
			List<FieldRow> rows = new ArrayList<>();
			for (CitizenField field : FieldCatalog.fieldsOf(step)) {
				String id = field.id();
				FieldRule rule = tenant.fields().get(id);
				if (rule == null) {
					continue;
				}
				String lock = FieldLocks.lockOf(tenant, id).map(this::lockReason).orElse(null);
				String value = (lock == null) ? kept.getOrDefault(id, code(rule.requirement()))
						: code(rule.requirement());
				rows.add(new FieldRow(id, rule.label(), value, lock, fieldErrors.get(id)));
			}
			if (!rows.isEmpty()) {
				groups.add(new StepGroup(stepTitle(tenant, step), rows));
			}
		}
		List<FormError> errors = new ArrayList<>(otherErrors);
		fieldErrors.forEach((id, message) -> errors.add(new FormError("#champ-" + id, message)));
		model.addAttribute("groups", groups);
		model.addAttribute("errors", errors);
		return "admin/fields";
	}

	/** The fields the commune's file declares, in page order. */
	private static List<String> declared(TenantDefinition tenant) {
		return FieldCatalog.ids().stream().filter((id) -> tenant.field(id).isPresent()).toList();
	}

	private String stepTitle(TenantDefinition tenant, StepType step) {
		return tenant.steps()
			.stream()
			.filter((definition) -> definition.type() == step)
			.map(TenantDefinition.StepDefinition::title)
			.findFirst()
			.orElseGet(() -> text("admin.fields.step." + step.yamlName()));
	}

	private String lockReason(Lock lock) {
		return text("admin.fields.lock." + lock.name());
	}

	private static @Nullable Requirement parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		for (Requirement requirement : Requirement.values()) {
			if (code(requirement).equals(value)) {
				return requirement;
			}
		}
		return null;
	}

	static String code(Requirement requirement) {
		return requirement.name().toLowerCase(Locale.ROOT);
	}

	private String text(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, FRENCH);
	}

	/**
	 * The fields of one wizard step.
	 *
	 * @param title the step's title, as the commune names it
	 * @param rows its fields, in page order
	 */
	record StepGroup(String title, List<FieldRow> rows) {
	}

	/**
	 * One field on the page.
	 *
	 * @param id the field id
	 * @param label the commune's label
	 * @param value {@code required}, {@code optional} or {@code hidden}
	 * @param lock why it cannot be changed, null when it can
	 * @param error the error for this field, if any
	 */
	record FieldRow(String id, String label, String value, @Nullable String lock, @Nullable String error) {

		/** The ids of the texts that describe the field's choices, or null. */
		public @Nullable String describedBy() {
			List<String> ids = new ArrayList<>();
			if (this.error != null) {
				ids.add("champ-" + this.id + "-erreur");
			}
			if (this.lock != null) {
				ids.add("champ-" + this.id + "-verrou");
			}
			return ids.isEmpty() ? null : String.join(" ", ids);
		}

	}

}
