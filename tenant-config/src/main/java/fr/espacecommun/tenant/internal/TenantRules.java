package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.KeyFormat;
import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ActivationMode;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;

/**
 * Rules that tie several values of one tenant file together, which JSON Schema cannot
 * express readably. Each error names its rule id and points at the value to fix.
 */
final class TenantRules {

	/** WCAG 2.1 AA minimum contrast for normal text. */
	static final double MIN_CONTRAST = 4.5;

	/** Below this the wizard and Keycloak would accept guessable passwords (CNIL). */
	static final int MIN_PASSWORD_LENGTH = 8;

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

	private static final Pattern MARKUP = Pattern.compile("[<>]");

	/** Dotted IPv4 addresses (the schema already refuses IPv6 and ports). */
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	/** Realm names taken by Keycloak ({@code master}) and by the operators. */
	static final Set<String> RESERVED_IDS = Set.of("master", "platform", "admin");

	private final Path file;

	private final YamlTree tree;

	private final TenantDefinition tenant;

	private final Path tenantsDir;

	private final PlatformFacts facts;

	private final List<TenantConfigError> errors;

	private TenantRules(Path file, YamlTree tree, TenantDefinition tenant, Path tenantsDir, PlatformFacts facts,
			List<TenantConfigError> errors) {
		this.facts = facts;
		this.file = file;
		this.tree = tree;
		this.tenant = tenant;
		this.tenantsDir = tenantsDir;
		this.errors = errors;
	}

	static void check(Path file, YamlTree tree, TenantDefinition tenant, Path tenantsDir, PlatformFacts facts,
			List<TenantConfigError> errors) {
		TenantRules rules = new TenantRules(file, tree, tenant, tenantsDir, facts, errors);
		rules.fileName();
		rules.steps();
		rules.fields();
		rules.password();
		rules.activation();
		rules.serviceKeys();
		rules.captcha();
		rules.files();
		rules.colour();
		rules.placement();
		rules.texts();
	}

	/**
	 * Texts shown on pages and in mail headers: no markup, no control character (a CR/LF
	 * in the sender's name would add a mail header), so no page or mail depends on every
	 * template escaping them.
	 */
	private void texts() {
		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("/name", this.tenant.name());
		texts.put("/portalName", this.tenant.portalName());
		texts.put("/branding/logoAlt", this.tenant.branding().logoAlt());
		texts.put("/contact/mailFromName", this.tenant.contact().mailFromName());
		texts.put("/contact/postalAddress", this.tenant.contact().postalAddress());
		texts.put("/contact/website", this.tenant.contact().website());
		texts.forEach((pointer, text) -> {
			if (text == null) {
				return;
			}
			Matcher control = CONTROL.matcher(text);
			if (control.find()) {
				error(pointer, "text.control",
						String.format(Locale.ROOT,
								"le texte contient un caractère de contrôle invisible (U+%04X, position %d : retour "
										+ "à la ligne, tabulation ou inversion du sens d'écriture) : "
										+ "écrivez-le sur une seule ligne, sans ce caractère",
								(int) control.group().charAt(0), control.start() + 1));
			}
			else if (MARKUP.matcher(text).find()) {
				error(pointer, "text.markup",
						"le texte contient du balisage (< ou >) : les pages et les courriels l'affichent tel quel, "
								+ "sans HTML");
			}
		});
	}

	/**
	 * The cluster must be one the platform is configured with, and no host may be the
	 * platform's own or an address: a commune's file never takes the operators' pages.
	 */
	private void placement() {
		String cluster = this.tenant.keycloak().cluster();
		if (!this.facts.clusters().contains(cluster)) {
			error("/keycloak/cluster", "keycloak.cluster-unknown",
					"le cluster Keycloak '" + cluster + "' n'est pas configuré sur la plateforme (clusters connus : "
							+ String.join(", ", new TreeSet<>(this.facts.clusters())) + ")"
							+ Suggestions.closest(cluster, this.facts.clusters())
								.map((close) -> " ; vouliez-vous dire '" + close + "' ?")
								.orElse(""));
		}
		List<String> hosts = this.tenant.hosts();
		for (int i = 0; i < hosts.size(); i++) {
			String host = hosts.get(i);
			if (IP_LITERAL.matcher(host).matches()) {
				error("/hosts/" + i, "hosts.ip-literal",
						"l'hôte '" + host + "' est une adresse IP : une commune est servie sous un nom d'hôte");
			}
			else if (this.facts.platformHosts().contains(host)) {
				error("/hosts/" + i, "hosts.platform", "l'hôte '" + host
						+ "' est celui de la plateforme (pages d'exploitation) : choisissez un nom propre à la commune");
			}
		}
	}

	private void fileName() {
		String name = this.file.getFileName().toString();
		String stem = name.substring(0, name.lastIndexOf('.'));
		if (!stem.equals(this.tenant.id())) {
			error("/id", "id.file-name", "l'identifiant '" + this.tenant.id() + "' diffère du nom du fichier '" + name
					+ "' : nommez le fichier " + this.tenant.id() + ".yaml");
		}
		if (RESERVED_IDS.contains(this.tenant.id())) {
			error("/id", "id.reserved", "l'identifiant '" + this.tenant.id()
					+ "' est réservé (domaine propre de Keycloak ou des exploitants) : choisissez-en un autre");
		}
	}

	private void steps() {
		Set<StepType> seen = new HashSet<>();
		for (int i = 0; i < this.tenant.steps().size(); i++) {
			StepType type = this.tenant.steps().get(i).type();
			String at = "/steps/" + i + "/type";
			if (!seen.add(type)) {
				error(at, "steps.duplicate", "l'étape '" + type.yamlName() + "' figure plus d'une fois");
			}
			checkConfiguration(type, at);
		}
		if (!seen.contains(StepType.CGU)) {
			// Every citizen must accept the CGU, and the acceptance is stored as proof.
			error("/steps", "steps.cgu-missing",
					"le parcours n'a pas d'étape 'cgu' : chaque citoyen doit accepter les CGU");
		}
	}

	private void checkConfiguration(StepType type, String at) {
		String name = "l'étape '" + type.yamlName() + "' ";
		switch (type) {
			case CONSENT -> {
				if (this.tenant.consent() == null) {
					error(at, "consent.missing", name + "demande une section 'consent'");
				}
			}
			case SECURITY_CHECK -> {
				if (this.tenant.captcha() == null) {
					error(at, "captcha.missing", name + "demande une section 'captcha'");
				}
			}
			case SERVICE_KEYS -> {
				if (this.tenant.serviceKeys().isEmpty()) {
					error(at, "service-keys.missing", name + "demande au moins une clé dans 'serviceKeys'");
				}
			}
			case ACCOUNT_TYPE -> {
				int count = this.tenant.accountTypes().size();
				if (count < 2) {
					error(at, "account-types.too-few", name
							+ "demande au moins 2 types de compte ('accountTypes') entre lesquels choisir ; trouvé : "
							+ count);
				}
			}
			default -> {
			}
		}
	}

	private void fields() {
		for (Map.Entry<String, FieldRule> entry : this.tenant.fields().entrySet()) {
			StepType step = FieldCatalog.stepOf(entry.getKey()).orElseThrow();
			if (entry.getValue().requirement() == Requirement.REQUIRED && !this.tenant.hasStep(step)) {
				errorAtKey("/fields/" + entry.getKey(), "fields.step-missing", "le champ obligatoire '" + entry.getKey()
						+ "' est demandé par l'étape '" + step.yamlName() + "', absente de 'steps'");
			}
		}
		accountTypeFields();
		if (this.tenant.usernameMode() == UsernameMode.EMAIL && !emailRequired()) {
			error("/usernameMode", "username.email-required",
					"usernameMode 'email' demande le champ 'email' avec requirement 'required'");
		}
	}

	/**
	 * The account-type step's fields are asked by the account types that list them: each
	 * needs its label in {@code fields}, each declared one needs an account type asking
	 * for it, and none is asked without the step.
	 */
	private void accountTypeFields() {
		Set<String> asked = new HashSet<>();
		List<TenantDefinition.AccountType> types = this.tenant.accountTypes();
		for (int i = 0; i < types.size(); i++) {
			for (String fieldId : types.get(i).fields().keySet()) {
				asked.add(fieldId);
				String at = "/accountTypes/" + i + "/fields/" + fieldId;
				if (this.tenant.field(fieldId).isEmpty()) {
					errorAtKey(at, "account-types.field-label",
							"le type de compte '" + types.get(i).id() + "' demande '" + fieldId
									+ "', qui n'a pas de libellé : ajoutez-le à 'fields' (fields." + fieldId
									+ ".label)");
				}
				else if (!this.tenant.hasStep(StepType.ACCOUNT_TYPE)) {
					errorAtKey(at, "account-types.step-missing",
							"le type de compte '" + types.get(i).id() + "' demande '" + fieldId
									+ "', mais le parcours n'a pas d'étape 'account-type' pour le demander");
				}
			}
		}
		for (String fieldId : this.tenant.fields().keySet()) {
			boolean accountTypeField = FieldCatalog.stepOf(fieldId).orElse(null) == StepType.ACCOUNT_TYPE;
			if (accountTypeField && !asked.contains(fieldId)) {
				errorAtKey("/fields/" + fieldId, "fields.unused", "le champ '" + fieldId
						+ "' n'est demandé par aucun type de compte : ajoutez-le aux 'fields' d'un type de compte, ou retirez-le");
			}
		}
	}

	private void password() {
		PasswordPolicy policy = this.tenant.passwordPolicy();
		if (policy.minLength() < MIN_PASSWORD_LENGTH) {
			error("/passwordPolicy/minLength", "password.min-length", "minLength " + policy.minLength()
					+ " est sous le minimum de " + MIN_PASSWORD_LENGTH + " caractères");
		}
		int counts = policy.minLowercase() + policy.minUppercase() + policy.minDigits() + policy.minSpecialChars();
		if (counts > policy.minLength()) {
			error("/passwordPolicy/minLength", "password.counts", "minLength " + policy.minLength()
					+ " est inférieur aux " + counts + " caractères qu'exigent les minimums par sorte de caractère");
		}
		if (policy.maxLength() < policy.minLength()) {
			error("/passwordPolicy/maxLength", "password.max-length",
					"maxLength " + policy.maxLength() + " est inférieur à minLength " + policy.minLength());
		}
	}

	private void activation() {
		ActivationMode mode = this.tenant.activation().mode();
		boolean needsEmail = mode == ActivationMode.EMAIL_LINK || mode == ActivationMode.MANUAL_APPROVAL;
		if (needsEmail && !emailRequired()) {
			error("/activation/mode", "activation.email-required", "le mode d'activation '" + yaml(mode)
					+ "' écrit au citoyen : le champ 'email' doit avoir requirement 'required'");
		}
		if (mode == ActivationMode.MANUAL_APPROVAL
				&& this.tenant.activation().approvalDeadlineBusinessHours() == null) {
			error("/activation", "activation.deadline-missing",
					"le mode d'activation 'manual-approval' demande 'approvalDeadlineBusinessHours' (délai promis au citoyen)");
		}
	}

	private void serviceKeys() {
		List<ServiceKeyDefinition> keys = this.tenant.serviceKeys();
		for (int i = 0; i < keys.size(); i++) {
			ServiceKeyDefinition key = keys.get(i);
			Optional<String> problem = KeyFormat.problem(key.pattern());
			if (problem.isPresent()) {
				error("/serviceKeys/" + i + "/pattern", "service-keys.pattern",
						"le motif " + ((key.pattern().length() <= 60) ? "'" + key.pattern() + "' " : "") + "de la clé '"
								+ key.id() + "' est refusé : " + problem.get());
				continue;
			}
			if (key.example().length() > KeyFormat.MAX_INPUT_LENGTH) {
				error("/serviceKeys/" + i + "/example", "service-keys.example",
						"l'exemple de la clé '" + key.id() + "' compte " + key.example().length()
								+ " caractères : une clé saisie en compte au plus " + KeyFormat.MAX_INPUT_LENGTH);
			}
			else if (!key.format().matches(key.example())) {
				error("/serviceKeys/" + i + "/example", "service-keys.example", "l'exemple '" + key.example()
						+ "' de la clé '" + key.id() + "' ne respecte pas son motif '" + key.pattern() + "'");
			}
		}
	}

	private void captcha() {
		TenantDefinition.Captcha captcha = this.tenant.captcha();
		if (captcha != null && !captcha.choices().contains(captcha.target())) {
			error("/captcha/target", "captcha.target",
					"la bonne réponse '" + captcha.target() + "' n'est pas parmi les choix " + captcha.choices());
		}
	}

	private void files() {
		boolean cguFound = checkFile("/terms/file", "terms.file", this.tenant.terms().file());
		if (checkFile("/branding/logo", "branding.logo", this.tenant.branding().logo())
				&& tooLarge(this.tenant.branding().logo(), TenantDefinition.Logo.MAX_BYTES)) {
			error("/branding/logo", "branding.logo-too-large", "le logo '" + this.tenant.branding().logo()
					+ "' dépasse " + (TenantDefinition.Logo.MAX_BYTES / 1024) + " Kio");
		}
		// citizens accept these words, and the acceptance is kept as proof of them: an
		// empty text (a file caught while being written, or emptied) is no CGU
		if (cguFound && tooLarge(this.tenant.terms().file(), TenantBinder.MAX_TERMS_BYTES)) {
			error("/terms/file", "terms.file-too-large", "le fichier '" + this.tenant.terms().file() + "' dépasse "
					+ (TenantBinder.MAX_TERMS_BYTES / 1024) + " Kio : il n'est pas lu");
		}
		else if (cguFound && this.tenant.terms().markdown().isBlank()) {
			error("/terms/file", "terms.file-empty",
					"le fichier '" + this.tenant.terms().file() + "' ne contient aucun texte");
		}
	}

	private boolean tooLarge(String relative, long limit) {
		try {
			return Files.size(TenantBinder.resolveInside(this.tenantsDir, relative)) > limit;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Whether the referenced file exists inside the tenants folder; says why not. */
	private boolean checkFile(String pointer, String rulePrefix, String relative) {
		Path path = TenantBinder.resolveInside(this.tenantsDir, relative);
		if (path == null) {
			error(pointer, rulePrefix + "-outside", "'" + relative + "' est hors du dossier des communes");
			return false;
		}
		if (!Files.isRegularFile(path)) {
			error(pointer, rulePrefix + "-missing",
					"le fichier '" + relative + "' n'existe pas dans le dossier des communes");
			return false;
		}
		return true;
	}

	private void colour() {
		String colour = this.tenant.branding().primaryColor();
		double contrast = contrastWithWhite(colour);
		if (contrast < MIN_CONTRAST) {
			error("/branding/primaryColor", "branding.contrast", String.format(Locale.FRENCH,
					"primaryColor '%s' a un contraste de %.2f:1 sur fond blanc ; le niveau AA du RGAA (WCAG) demande %.1f:1",
					colour, contrast, MIN_CONTRAST));
		}
	}

	/** WCAG 2.1 contrast ratio between a {@code #rrggbb} colour and white. */
	static double contrastWithWhite(String colour) {
		int rgb = Integer.parseInt(colour.substring(1), 16);
		double luminance = 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
		return 1.05 / (luminance + 0.05);
	}

	private static double channel(int value) {
		double c = (value & 0xff) / 255.0;
		return (c <= 0.03928) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

	private boolean emailRequired() {
		return this.tenant.field("email").map((rule) -> rule.requirement() == Requirement.REQUIRED).orElse(false);
	}

	private static String yaml(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private void error(String pointer, String rule, String message) {
		this.errors.add(this.tree.valueAt(pointer).error(this.file, rule, message));
	}

	private void errorAtKey(String pointer, String rule, String message) {
		this.errors.add(this.tree.keyAt(pointer).error(this.file, rule, message));
	}

}
