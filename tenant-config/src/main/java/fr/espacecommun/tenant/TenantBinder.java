package fr.espacecommun.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.espacecommun.tenant.TenantDefinition.AccountType;
import fr.espacecommun.tenant.TenantDefinition.Activation;
import fr.espacecommun.tenant.TenantDefinition.ActivationMode;
import fr.espacecommun.tenant.TenantDefinition.Branding;
import fr.espacecommun.tenant.TenantDefinition.Captcha;
import fr.espacecommun.tenant.TenantDefinition.Consent;
import fr.espacecommun.tenant.TenantDefinition.Contact;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.KeycloakPlacement;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.tenant.TenantDefinition.StepDefinition;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import fr.espacecommun.tenant.TenantDefinition.UsernameMode;
import org.apache.commons.codec.digest.DigestUtils;
import tools.jackson.databind.JsonNode;

/**
 * Turns a schema-valid tree into a {@link TenantDefinition}; the schema already
 * guarantees every required value is present and of the right type.
 */
final class TenantBinder {

	private TenantBinder() {
	}

	static TenantDefinition bind(JsonNode root, Path file, Path tenantsDir) {
		return new TenantDefinition(text(root, "id"), text(root, "name"), text(root, "portalName"),
				strings(root.path("hosts")), branding(root.path("branding")), contact(root.path("contact")),
				terms(root.path("terms"), tenantsDir), passwordPolicy(root.path("passwordPolicy")),
				enumValue(UsernameMode.class, text(root, "usernameMode")), steps(root.path("steps")),
				fields(root.path("fields")), accountTypes(root.path("accountTypes")), consent(root.path("consent")),
				serviceKeys(root.path("serviceKeys")), captcha(root.path("captcha")),
				activation(root.path("activation")), new KeycloakPlacement(text(root.path("keycloak"), "cluster")),
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
	static Path resolveInside(Path tenantsDir, String relative) {
		Path base = tenantsDir.toAbsolutePath().normalize();
		Path resolved = base.resolve(relative).normalize();
		return resolved.startsWith(base) ? resolved : null;
	}

	private static Branding branding(JsonNode node) {
		return new Branding(text(node, "primaryColor"), text(node, "logo"), text(node, "logoAlt"));
	}

	private static Contact contact(JsonNode node) {
		return new Contact(text(node, "email"), text(node, "phone"), text(node, "postalAddress"), text(node, "website"),
				text(node, "mailFrom"), text(node, "mailFromName"));
	}

	private static Terms terms(JsonNode node, Path tenantsDir) {
		String file = text(node, "file");
		String markdown = readMarkdown(tenantsDir, file);
		// An unreadable file gives no hash: TenantRules refuses the tenant anyway.
		return Terms.of(text(node, "version"), file, markdown, node.path("scrollToAccept").asBoolean(false),
				node.path("commonModel").asBoolean(false));
	}

	private static String readMarkdown(Path tenantsDir, String file) {
		Path path = resolveInside(tenantsDir, file);
		if (path == null || !Files.isRegularFile(path)) {
			return "";
		}
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static PasswordPolicy passwordPolicy(JsonNode node) {
		return new PasswordPolicy(node.path("minLength").asInt(), node.path("maxLength").asInt(128),
				node.path("minLowercase").asInt(0), node.path("minUppercase").asInt(0), node.path("minDigits").asInt(0),
				node.path("minSpecialChars").asInt(0), node.path("notUsername").asBoolean(true),
				node.path("notEmail").asBoolean(true));
	}

	private static List<StepDefinition> steps(JsonNode node) {
		List<StepDefinition> steps = new ArrayList<>();
		for (JsonNode step : node) {
			StepType type = StepType.fromYamlName(text(step, "type"))
				.orElseThrow(() -> new IllegalStateException("Schema let an unknown step through"));
			steps.add(new StepDefinition(type, text(step, "title"), optionalText(step, "intro")));
		}
		return steps;
	}

	private static Map<String, FieldRule> fields(JsonNode node) {
		Map<String, FieldRule> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode rule = entry.getValue();
			fields.put(entry.getKey(),
					new FieldRule(enumValue(Requirement.class, text(rule, "requirement")), text(rule, "label")));
		}
		return fields;
	}

	private static List<AccountType> accountTypes(JsonNode node) {
		List<AccountType> types = new ArrayList<>();
		for (JsonNode type : node) {
			types.add(new AccountType(text(type, "id"), text(type, "label")));
		}
		return types;
	}

	private static Consent consent(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		return new Consent(text(node, "version"), text(node, "title"), text(node, "text"), text(node, "acceptLabel"));
	}

	private static List<ServiceKeyDefinition> serviceKeys(JsonNode node) {
		List<ServiceKeyDefinition> keys = new ArrayList<>();
		for (JsonNode key : node) {
			keys.add(new ServiceKeyDefinition(text(key, "id"), text(key, "label"), text(key, "pattern"),
					text(key, "example"), key.path("required").asBoolean(false), optionalText(key, "help")));
		}
		return keys;
	}

	private static Captcha captcha(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		return new Captcha(text(node, "prompt"), text(node, "target"), strings(node.path("choices")));
	}

	private static Activation activation(JsonNode node) {
		JsonNode deadline = node.path("approvalDeadlineBusinessHours");
		return new Activation(enumValue(ActivationMode.class, text(node, "mode")),
				deadline.isNumber() ? deadline.asInt() : null, node.path("linkValidityHours").asInt(72),
				node.path("preProvisionedAccounts").asBoolean(false));
	}

	private static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : node) {
			values.add(value.asString());
		}
		return values;
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.path(name);
		return value.isString() ? value.asString() : "";
	}

	private static String optionalText(JsonNode node, String name) {
		JsonNode value = node.path(name);
		return value.isString() ? value.asString() : null;
	}

}
