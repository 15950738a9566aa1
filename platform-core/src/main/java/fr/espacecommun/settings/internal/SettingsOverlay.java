package fr.espacecommun.settings.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.espacecommun.settings.SettingVersion;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Requirement;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import fr.espacecommun.tenant.TenantOverlay;
import org.mapstruct.factory.Mappers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lays the newest published version of each staff setting over the tenant files; read
 * from the database at each reload of the catalogue, so a second platform instance serves
 * an edit made on the first within one reload interval.
 */
public class SettingsOverlay implements TenantOverlay {

	public static final JsonMapper json = JsonMapper.builder().build();

	private static final TenantCopies copies = Mappers.getMapper(TenantCopies.class);

	private final SettingVersions versions;

	SettingsOverlay(SettingVersions versions) {
		this.versions = versions;
	}

	@Override
	public Map<String, TenantDefinition> apply(Map<String, TenantDefinition> declared) {
		Map<String, TenantDefinition> result = new TreeMap<>(declared);
		List<SettingVersion> latest = this.versions.latest();
		for (SettingVersion version : latest) {
			result.computeIfPresent(version.tenantId(), (id, tenant) -> apply(tenant, version));
		}
		return result;
	}

	static TenantDefinition apply(TenantDefinition tenant, SettingVersion version) {
		return switch (version.kind()) {
			case TERMS -> {
				TermsValue terms = json.readValue(version.value(), TermsValue.class);
				yield copies.withTerms(tenant, Terms.of(terms.version(), tenant.terms().file(), terms.markdown(),
						tenant.terms().scrollToAccept(), false));
			}
			case PASSWORD_POLICY ->
				copies.withPasswordPolicy(tenant, json.readValue(version.value(), PasswordPolicy.class));
			case FIELDS -> copies.withFields(tenant, withRequirements(tenant.fields(), requirements(version.value())));
		};
	}

	static Map<String, Requirement> requirements(String value) {
		return json.readValue(value, new TypeReference<Map<String, Requirement>>() {
		});
	}

	/** Only the fields the file declares change; a field id the file lost is ignored. */
	static Map<String, FieldRule> withRequirements(Map<String, FieldRule> fields, Map<String, Requirement> edits) {
		Map<String, FieldRule> result = new LinkedHashMap<>(fields);
		edits.forEach((id, requirement) -> result.computeIfPresent(id,
				(key, rule) -> new FieldRule(requirement, rule.label())));
		return result;
	}

	/**
	 * A CGU version as the staff published it.
	 *
	 * @param version the version label citizens see and accept
	 * @param markdown the text
	 */
	public record TermsValue(String version, String markdown) {
	}

}
