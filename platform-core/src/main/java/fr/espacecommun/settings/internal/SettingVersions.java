package fr.espacecommun.settings.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.espacecommun.settings.SettingKind;
import fr.espacecommun.settings.SettingVersion;
import fr.espacecommun.tenancy.TenantTransactions;
import org.mapstruct.Mapper;
import org.mapstruct.ReportingPolicy;
import org.mapstruct.factory.Mappers;

/**
 * The {@code tenant_setting_version} table of schema platform: versions are added, never
 * changed.
 */
public class SettingVersions {

	private static final Rows mapper = Mappers.getMapper(Rows.class);

	private final SettingVersionRepository rows;

	private final TenantTransactions transactions;

	SettingVersions(SettingVersionRepository rows, TenantTransactions transactions) {
		this.rows = rows;
		this.transactions = transactions;
	}

	/** The newest version of every setting of every tenant, in one query. */
	List<SettingVersion> latest() {
		return this.transactions.onPlatform(() -> this.rows.findLatest().stream().map(mapper::version).toList());
	}

	Optional<SettingVersion> latest(String tenantId, SettingKind kind) {
		return this.transactions.onPlatform(
				() -> this.rows.findFirstByTenantIdAndKindOrderByVersionDesc(tenantId, kind).map(mapper::version));
	}

	/** Every version of one setting, newest first. */
	public List<SettingVersion> history(String tenantId, SettingKind kind) {
		return this.transactions.onPlatform(() -> this.rows.findByTenantIdAndKindOrderByVersionDesc(tenantId, kind)
			.stream()
			.map(mapper::version)
			.toList());
	}

	/**
	 * Adds the next version; two staff members publishing at once get versions n and n+1,
	 * or one of them fails on the primary key and nothing is lost silently.
	 */
	public SettingVersion add(String tenantId, SettingKind kind, String value, String author, Instant at) {
		return this.transactions.onPlatform(() -> {
			int version = this.rows.nextVersion(tenantId, kind);
			this.rows.add(tenantId, kind, version, value, author, at);
			return new SettingVersion(tenantId, kind, version, value, author, at);
		});
	}

	/** Stored versions to the record the pages and the overlay read. */
	@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.ERROR)
	interface Rows {

		SettingVersion version(SettingVersionRow row);

	}

}
