package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.AccountType;
import fr.espacecommun.tenant.TenantDefinition.Activation;
import fr.espacecommun.tenant.TenantDefinition.ActivationMode;
import fr.espacecommun.tenant.TenantDefinition.Branding;
import fr.espacecommun.tenant.TenantDefinition.Captcha;
import fr.espacecommun.tenant.TenantDefinition.Consent;
import fr.espacecommun.tenant.TenantDefinition.Contact;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.KeycloakPlacement;
import fr.espacecommun.tenant.TenantDefinition.Logo;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.tenant.TenantDefinition.StepDefinition;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a schema-valid tree into a {@link TenantDefinition}; the schema already
 * guarantees every required value is present and of the right type. Defaults of optional
 * keys are the schema's.
 */
final class TenantBinder {

	/** The longest CGU text read (the communes' are 10 to 30 KiB). */
	static final int MAX_TERMS_BYTES = 1024 * 1024;

	private TenantBinder() {
	}

	static TenantDefinition bind(JsonNode root, Path file, Path tenantsDir) {
		return bind(root, file, tenantsDir, new HashSet<>());
	}

	/** Binds, noting in {@code read} the JSON pointer of every value read. */
	static TenantDefinition bind(JsonNode tree, Path file, Path tenantsDir, Set<String> read) {
		YamlNode root = YamlNode.root(tree, read);
		return new TenantDefinition(root.text("id"), root.text("name"), root.text("portalName"),
				root.child("hosts").strings(), branding(root.child("branding"), tenantsDir),
				contact(root.child("contact")), terms(root.child("terms"), tenantsDir),
				passwordPolicy(root.child("passwordPolicy")), enumValue(UsernameMode.class, root.text("usernameMode")),
				steps(root.child("steps")), fields(root.child("fields")), accountTypes(root.child("accountTypes")),
				consent(root.child("consent")), serviceKeys(root.child("serviceKeys")), captcha(root.child("captcha")),
				activation(root.child("activation")), new KeycloakPlacement(root.child("keycloak").text("cluster")),
				file);
	}

	/** The enum constant for a kebab-case YAML value ({@code email-link}). */
	static <E extends Enum<E>> E enumValue(Class<E> type, String yamlValue) {
		return Enum.valueOf(type, yamlValue.replace('-', '_').toUpperCase(Locale.ROOT));
	}

	/**
	 * The file a tenant file refers to, or {@code null} when the reference escapes the
	 * tenants folder (an operator must not be able to serve any file of the host).
	 */
	static @Nullable Path resolveInside(Path tenantsDir, String relative) {
		Path base = tenantsDir.toAbsolutePath().normalize();
		Path resolved = base.resolve(relative).normalize();
		return resolved.startsWith(base) ? resolved : null;
	}

	private static Branding branding(YamlNode node, Path tenantsDir) {
		String logo = node.text("logo");
		return new Branding(node.text("primaryColor"), logo, node.text("logoAlt"), readLogo(tenantsDir, logo));
	}

	/**
	 * The logo's bytes, or {@link Logo#NONE} when the file is missing, outside the folder
	 * or over {@link Logo#MAX_BYTES} (TenantRules then refuses the tenant): never more
	 * than the limit is read.
	 */
	static Logo readLogo(Path tenantsDir, String relative) {
		Path path = resolveInside(tenantsDir, relative);
		if (path == null || !Files.isRegularFile(path)) {
			return Logo.NONE;
		}
		String type = relative.toLowerCase(Locale.ROOT).endsWith(".svg") ? "image/svg+xml" : "image/png";
		try (InputStream in = Files.newInputStream(path)) {
			byte[] bytes = in.readNBytes(Logo.MAX_BYTES + 1);
			return (bytes.length > Logo.MAX_BYTES) ? Logo.NONE : Logo.of(type, bytes);
		}
		catch (IOException ex) {
			return Logo.NONE;
		}
	}

	private static Contact contact(YamlNode node) {
		return new Contact(node.text("email"), node.text("phone"), node.text("postalAddress"), node.text("website"),
				node.text("mailFrom"), node.text("mailFromName"));
	}

	private static Terms terms(YamlNode node, Path tenantsDir) {
		String file = node.text("file");
		String markdown = readMarkdown(tenantsDir, file);
		// An unreadable file gives no hash: TenantRules refuses the tenant anyway.
		return Terms.of(node.text("version"), file, markdown, node.bool("scrollToAccept", false),
				node.bool("commonModel", false));
	}

	private static String readMarkdown(Path tenantsDir, String file) {
		Path path = resolveInside(tenantsDir, file);
		if (path == null || !Files.isRegularFile(path)) {
			return "";
		}
		try (InputStream in = Files.newInputStream(path)) {
			byte[] bytes = in.readNBytes(MAX_TERMS_BYTES + 1);
			// an over-long text is no CGU: TenantRules refuses it
			return (bytes.length > MAX_TERMS_BYTES) ? "" : new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static PasswordPolicy passwordPolicy(YamlNode node) {
		return new PasswordPolicy(node.integer("minLength", 0), node.integer("maxLength", 128),
				node.integer("minLowercase", 0), node.integer("minUppercase", 0), node.integer("minDigits", 0),
				node.integer("minSpecialChars", 0), node.bool("notUsername", true), node.bool("notEmail", true));
	}

	private static List<StepDefinition> steps(YamlNode node) {
		return node.items()
			.stream()
			.map((step) -> new StepDefinition(
					StepType.fromYamlName(step.text("type"))
						.orElseThrow(() -> new IllegalStateException("Schema let an unknown step through")),
					step.text("title"), step.optionalText("intro")))
			.toList();
	}

	private static Map<String, FieldRule> fields(YamlNode node) {
		Map<String, FieldRule> fields = new LinkedHashMap<>();
		node.entries().forEach((id, rule) -> {
			// the account-type step's fields carry no requirement: each account type
			// declares its own, and no other step asks them
			String requirement = rule.optionalText("requirement");
			fields.put(id, new FieldRule(enumValue(Requirement.class, (requirement != null) ? requirement : "optional"),
					rule.text("label")));
		});
		return fields;
	}

	private static List<AccountType> accountTypes(YamlNode node) {
		return node.items().stream().map((type) -> {
			Map<String, Requirement> fields = new LinkedHashMap<>();
			type.child("fields")
				.entries()
				.forEach((id, requirement) -> fields.put(id, enumValue(Requirement.class, requirement.asText())));
			return new AccountType(type.text("id"), type.text("label"), fields);
		}).toList();
	}

	private static @Nullable Consent consent(YamlNode node) {
		if (node.isMissing()) {
			return null;
		}
		return new Consent(node.text("version"), node.text("title"), node.text("text"), node.text("acceptLabel"));
	}

	private static List<ServiceKeyDefinition> serviceKeys(YamlNode node) {
		return node.items()
			.stream()
			.map((key) -> new ServiceKeyDefinition(key.text("id"), key.text("label"), key.text("pattern"),
					key.text("example"), key.bool("required", false), key.optionalText("help")))
			.toList();
	}

	private static @Nullable Captcha captcha(YamlNode node) {
		if (node.isMissing()) {
			return null;
		}
		return new Captcha(node.text("prompt"), node.text("target"), node.child("choices").strings());
	}

	private static Activation activation(YamlNode node) {
		return new Activation(enumValue(ActivationMode.class, node.text("mode")),
				node.optionalInteger("approvalDeadlineBusinessHours"), node.integer("linkValidityHours", 72),
				node.bool("preProvisionedAccounts", false));
	}

}
