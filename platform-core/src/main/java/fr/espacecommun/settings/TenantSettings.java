package fr.espacecommun.settings;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.settings.internal.SettingVersions;
import fr.espacecommun.settings.internal.SettingsOverlay;
import fr.espacecommun.settings.internal.SettingsOverlay.TermsValue;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Requirement;

/**
 * Publishes what a commune's staff edit (CGU, password policy, field rules) as a new
 * version, audited, and serves it at once: the catalogue is reloaded, so the wizard uses
 * it and the realm is provisioned with it before this returns. Callers check the value
 * first; this class stores what it is given.
 */
public class TenantSettings {

	private final SettingVersions versions;

	private final FileTenantCatalog catalog;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final Clock clock;

	public TenantSettings(SettingVersions versions, FileTenantCatalog catalog, AuditLog audit,
			TenantTransactions transactions, Clock clock) {
		this.versions = versions;
		this.catalog = catalog;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Publishes a password policy; audited as {@code password-policy.changed}.
	 * @return the tenant as served from now on
	 */
	public TenantDefinition publishPasswordPolicy(TenantDefinition tenant, PasswordPolicy policy, String author) {
		return publish(tenant, SettingKind.PASSWORD_POLICY, SettingsOverlay.json.writeValueAsString(policy), author,
				"password-policy.changed", SettingsOverlay.json.writeValueAsString(tenant.passwordPolicy()));
	}

	/**
	 * Publishes field requirements (field id → required, optional or hidden); audited as
	 * {@code fields.changed}.
	 * @return the tenant as served from now on
	 */
	public TenantDefinition publishFieldRequirements(TenantDefinition tenant, Map<String, Requirement> requirements,
			String author) {
		Map<String, Requirement> before = new TreeMap<>();
		tenant.fields().forEach((id, rule) -> before.put(id, rule.requirement()));
		return publish(tenant, SettingKind.FIELDS, SettingsOverlay.json.writeValueAsString(new TreeMap<>(requirements)),
				author, "fields.changed", SettingsOverlay.json.writeValueAsString(before));
	}

	/**
	 * Publishes a new CGU version that citizens must accept; audited as
	 * {@code terms.published}, before and after being the version labels.
	 * @return the tenant as served from now on
	 */
	public TenantDefinition publishTerms(TenantDefinition tenant, String version, String markdown, String author) {
		return publish(tenant, SettingKind.TERMS,
				SettingsOverlay.json.writeValueAsString(new TermsValue(version, markdown)), author, "terms.published",
				tenant.terms().version());
	}

	/** Every published version of one setting of the tenant, newest first. */
	public List<SettingVersion> history(String tenantId, SettingKind kind) {
		return this.versions.history(tenantId, kind);
	}

	/** The text of a published CGU version. */
	public static String termsMarkdown(SettingVersion version) {
		return SettingsOverlay.json.readValue(version.value(), TermsValue.class).markdown();
	}

	/** The label of a published CGU version. */
	public static String termsVersion(SettingVersion version) {
		return SettingsOverlay.json.readValue(version.value(), TermsValue.class).version();
	}

	private TenantDefinition publish(TenantDefinition tenant, SettingKind kind, String value, String author,
			String action, String before) {
		this.transactions.execute(tenant, () -> {
			SettingVersion added = this.versions.add(tenant.id(), kind, value, author, this.clock.instant());
			String after = (kind == SettingKind.TERMS) ? termsVersion(added) : value;
			this.audit.record(author, action, kind.name().toLowerCase(java.util.Locale.ROOT) + " v" + added.version(),
					before, after);
		});
		this.catalog.reload();
		return this.catalog.byId(tenant.id()).orElseThrow();
	}

}
