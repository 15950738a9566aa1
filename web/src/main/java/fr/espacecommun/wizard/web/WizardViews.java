package fr.espacecommun.wizard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.tenant.FieldKind;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.AccountType;
import fr.espacecommun.terms.TermsRenderer;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardField;
import fr.espacecommun.wizard.WizardPage;
import fr.espacecommun.wizard.WizardStep;
import fr.espacecommun.wizard.internal.DraftState;
import fr.espacecommun.wizard.internal.Paragraph;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Turns a wizard page, its values and errors into what the templates show: sections,
 * fields with their labels, errors and hints, the progress bar and the error summary.
 */
@Component
class WizardViews {

	private static final Locale FRENCH = Locale.FRENCH;

	private final MessageSource messages;

	private final ObjectProvider<TermsRenderer> terms;

	WizardViews(MessageSource messages, ObjectProvider<TermsRenderer> terms) {
		this.messages = messages;
		this.terms = terms;
	}

	/**
	 * Fills the model of {@code wizard/page}.
	 * @param model the model
	 * @param wizard the tenant's wizard
	 * @param page the page shown
	 * @param draft the draft, null before the first page was sent
	 * @param values the values to show
	 * @param errors the errors to show
	 * @param suggestions address suggestions to offer
	 */
	void fill(Model model, WizardDefinition wizard, WizardPage page, @Nullable DraftState draft,
			Map<String, String> values, List<FieldError> errors, List<AddressSuggestion> suggestions) {
		TenantDefinition tenant = wizard.tenant();
		List<ErrorLink> summary = new ArrayList<>();
		List<Section> sections = new ArrayList<>();
		for (WizardStep step : page.steps()) {
			List<FieldView> fields = new ArrayList<>();
			for (WizardField field : step.fields()) {
				String askedFor = (step.type() == StepType.ACCOUNT_TYPE) ? askedFor(tenant, field.id()) : "";
				fields.add(field(wizard, field, values.getOrDefault(field.id(), ""), errorFor(errors, field.id()),
						askedFor));
			}
			sections.add(new Section(step.type().yamlName(), step.title(), step.intro(), fields));
		}
		for (FieldError error : errors) {
			summary.add(new ErrorLink("#" + inputId(anchorOf(error.field(), page, draft)), message(error)));
		}
		model.addAttribute("wizard", wizard);
		model.addAttribute("page", page);
		model.addAttribute("sections", sections);
		model.addAttribute("draft", draft);
		model.addAttribute("values", values);
		model.addAttribute("errors", summary);
		model.addAttribute("fieldErrors", errorMessages(errors));
		model.addAttribute("suggestions", suggestions);
		model.addAttribute("progress", progress(wizard, page));
		model.addAttribute("accountType",
				values.getOrDefault("accountType", (draft != null) ? draft.accountType() : ""));
		model.addAttribute("nextLabel", nextLabel(tenant, page));
		if (page.has(StepType.CGU)) {
			model.addAttribute("termsHtml",
					this.terms.getIfAvailable(TermsRenderer::new).toSafeHtml(tenant.terms().markdown()));
			model.addAttribute("cguChecked",
					(draft != null && draft.cguAccepted()) || values.containsKey("cguAccepted"));
		}
		if (page.has(StepType.CREDENTIALS)) {
			model.addAttribute("passwordWording", PasswordRules.wording(tenant.passwordPolicy()));
		}
		if (draft != null && draft.challenge() != null) {
			model.addAttribute("securityQuestion",
					text("wizard.security.question", text("wizard.security.number." + draft.challenge().first()),
							text("wizard.security.number." + draft.challenge().second())));
		}
		model.addAttribute("title", (errors.isEmpty() ? "" : text("wizard.title.errorPrefix")) + page.title() + " – "
				+ text("wizard.heading") + " – " + tenant.portalName());
	}

	/**
	 * Which kinds of account ask for a field of the account-type step, and whether they
	 * require it: "Demandé pour : COMPTE ENTREPRISE (obligatoire)."
	 */
	private String askedFor(TenantDefinition tenant, String fieldId) {
		List<String> types = new ArrayList<>();
		for (AccountType type : tenant.accountTypes()) {
			if (type.asks(fieldId)) {
				types.add(text(type.requires(fieldId) ? "wizard.accountType.required" : "wizard.accountType.optional",
						type.label()));
			}
		}
		return types.isEmpty() ? "" : text("wizard.accountType.askedFor", String.join(", ", types));
	}

	private FieldView field(WizardDefinition wizard, WizardField field, String value, @Nullable String error,
			String askedFor) {
		String inputType = switch (field.kind()) {
			case EMAIL -> "email";
			case PHONE -> "tel";
			case BIRTH_DATE -> "date";
			default -> "text";
		};
		List<Option> options = switch (field.kind()) {
			case CIVILITY -> List.of(new Option("Madame", "Madame"), new Option("Monsieur", "Monsieur"));
			case PREFERRED_CONTACT -> contactOptions(wizard);
			default -> List.of();
		};
		String hint = field.hint();
		if (!field.example().isEmpty()) {
			hint = (hint.isEmpty() ? "" : hint + " ") + text("wizard.hint.keyFormat", field.example());
		}
		else if (field.kind() == FieldKind.BIRTH_DATE) {
			hint = text("wizard.hint.date");
		}
		else if (field.kind() == FieldKind.SIRET) {
			hint = text("wizard.hint.siret");
		}
		else if (field.kind() == FieldKind.RNA) {
			hint = text("wizard.hint.rna");
		}
		else if (field.kind() == FieldKind.USERNAME) {
			hint = text("wizard.hint.username");
		}
		else if (field.kind() == FieldKind.PHONE) {
			hint = text("wizard.hint.phone");
		}
		if (!askedFor.isEmpty()) {
			hint = askedFor + (hint.isEmpty() ? "" : " " + hint);
		}
		return new FieldView(field.id(), inputId(field.id()), field.label(), value, field.required(),
				field.kind().name(), field.maxLength(), field.autocomplete(), error, hint, options, inputType);
	}

	private List<Option> contactOptions(WizardDefinition wizard) {
		List<Option> options = new ArrayList<>();
		if (wizard.field("email").isPresent()) {
			options.add(new Option("courriel", text("wizard.contact.courriel")));
		}
		if (wizard.field("phone").isPresent()) {
			options.add(new Option("telephone", text("wizard.contact.telephone")));
		}
		if (wizard.field("mobile").isPresent()) {
			options.add(new Option("mobile", text("wizard.contact.mobile")));
		}
		if (wizard.pageOf(StepType.ADDRESS).isPresent()) {
			options.add(new Option("courrier", text("wizard.contact.courrier")));
		}
		return options;
	}

	private List<Step> progress(WizardDefinition wizard, WizardPage current) {
		List<Step> steps = new ArrayList<>();
		for (WizardPage page : wizard.pages()) {
			steps.add(new Step(page.index() + 1, page.title(), page.index() == current.index(),
					page.index() < current.index()));
		}
		return steps;
	}

	private String nextLabel(TenantDefinition tenant, WizardPage page) {
		if (page.last()) {
			return text("wizard.action.submit");
		}
		if (page.has(StepType.CONSENT) && tenant.consent() != null) {
			return tenant.consent().acceptLabel();
		}
		if (page.has(StepType.WELCOME)) {
			return text("wizard.action.start");
		}
		return text("wizard.action.next");
	}

	/** Where the summary's link for an error points. */
	private static String anchorOf(String field, WizardPage page, @Nullable DraftState draft) {
		return switch (field) {
			case "accountType" -> "accountType-0";
			case "captcha" -> (draft != null && draft.challenge() != null) ? "captcha-0" : "captchaAnswer";
			default -> field;
		};
	}

	static String inputId(String field) {
		return "champ-" + field.replace('.', '-');
	}

	private @Nullable String errorFor(List<FieldError> errors, String field) {
		return errors.stream().filter((e) -> e.field().equals(field)).findFirst().map(this::message).orElse(null);
	}

	private Map<String, String> errorMessages(List<FieldError> errors) {
		Map<String, String> byField = new java.util.LinkedHashMap<>();
		for (FieldError error : errors) {
			byField.putIfAbsent(error.field(), message(error));
		}
		return byField;
	}

	String message(FieldError error) {
		return this.messages.getMessage("wizard.error." + error.code(), error.args().toArray(), FRENCH);
	}

	String text(String code, Object... args) {
		return this.messages.getMessage(code, args, FRENCH);
	}

	/**
	 * A paragraph in French: the commune's words as written, or the platform's sentence.
	 */
	String text(Paragraph paragraph) {
		return (paragraph.text() != null) ? paragraph.text() : text(paragraph.code(), paragraph.args().toArray());
	}

	/** One step of the page. */
	record Section(String type, String title, @Nullable String intro, List<FieldView> fields) {
	}

	/** One field as shown. */
	record FieldView(String id, String inputId, String label, String value, boolean required, String kind,
			int maxLength, String autocomplete, @Nullable String error, String hint, List<Option> options,
			String inputType) {

		/** The ids of the texts describing the field (aria-describedby). */
		public String describedBy() {
			String ids = this.hint.isEmpty() ? "" : this.inputId + "-aide";
			if (this.error != null) {
				ids = (ids.isEmpty() ? "" : ids + " ") + this.inputId + "-erreur";
			}
			return ids.isEmpty() ? null : ids;
		}

	}

	/** A choice of a select. */
	record Option(String value, String label) {
	}

	/** A link of the error summary. */
	record ErrorLink(String href, String message) {
	}

	/** A step of the progress bar. */
	record Step(int number, String title, boolean current, boolean done) {
	}

}
