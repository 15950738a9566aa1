package fr.espacecommun.terms.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import fr.espacecommun.settings.SettingKind;
import fr.espacecommun.settings.SettingVersion;
import fr.espacecommun.settings.TenantSettings;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import org.jspecify.annotations.Nullable;

/**
 * Every CGU version of one commune: the one its file declares (number 0) and those its
 * staff published since (1, 2, …). Always read for the commune given, so a number is
 * never looked up in another commune's history.
 */
public class TermsHistory {

	private final TenantSettings settings;

	private final FileTenantCatalog catalog;

	TermsHistory(TenantSettings settings, FileTenantCatalog catalog) {
		this.settings = settings;
		this.catalog = catalog;
	}

	/** The commune's versions, newest first; the first one is the one served. */
	public List<TermsVersion> versions(TenantDefinition tenant) {
		List<TermsVersion> versions = new ArrayList<>();
		for (SettingVersion published : this.settings.history(tenant.id(), SettingKind.TERMS)) {
			String markdown = TenantSettings.termsMarkdown(published);
			versions.add(new TermsVersion(published.version(), TenantSettings.termsVersion(published), markdown,
					Terms.of("", "", markdown, false, false).sha256(), published.author(), published.createdAt()));
		}
		this.catalog.declared(tenant.id())
			.map(TenantDefinition::terms)
			.ifPresent((file) -> versions
				.add(new TermsVersion(0, file.version(), file.markdown(), file.sha256(), null, null)));
		return versions;
	}

	/** One version of the commune's, by its number. */
	public Optional<TermsVersion> version(TenantDefinition tenant, int number) {
		return versions(tenant).stream().filter((version) -> version.number() == number).findFirst();
	}

	/**
	 * Whether a version of the commune already has this label (case and spaces ignored).
	 */
	public boolean labelTaken(TenantDefinition tenant, String label) {
		String wanted = normalise(label);
		return normalise(tenant.terms().version()).equals(wanted)
				|| versions(tenant).stream().anyMatch((version) -> normalise(version.label()).equals(wanted));
	}

	private static String normalise(String label) {
		return label.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * One CGU version.
	 *
	 * @param number 0 for the commune's file, then 1, 2, … in order of publication
	 * @param label the version label citizens accept
	 * @param markdown the text
	 * @param sha256 the text's SHA-256, as stored in acceptance proofs
	 * @param author who published it; {@code null} for the file's version
	 * @param publishedAt when; {@code null} for the file's version
	 */
	public record TermsVersion(int number, String label, String markdown, String sha256, @Nullable String author,
			@Nullable Instant publishedAt) {

		/** Whether this version comes from the commune's file rather than its staff. */
		public boolean fromFile() {
			return this.number == 0;
		}

	}

}
