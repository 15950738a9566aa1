package fr.espacecommun.rights.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.registration.CitizenHoldings;
import fr.espacecommun.rights.internal.CitizenTables.Source;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A commune's staff acting on a citizen's rights: find them in the commune's realm,
 * export everything held about them (Keycloak identity and every table of
 * {@link CitizenTables}), erase them. Only citizens of the tenant's own realm are reached
 * ({@link CitizenDirectory}), never a staff account.
 */
public class CitizenRights {

	/** Audit action of an export. */
	public static final String EXPORTED = "citizen.exported";

	/** Audit action of an erasure. */
	public static final String ERASED = "citizen.erased";

	/** The most citizens a search lists. */
	public static final int MAX_RESULTS = 20;

	private static final Logger logger = LoggerFactory.getLogger(CitizenRights.class);

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final SummaryMapper summaries = org.mapstruct.factory.Mappers.getMapper(SummaryMapper.class);

	private final CitizenDirectory directory;

	private final CitizenData data;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final Clock clock;

	CitizenRights(CitizenDirectory directory, CitizenData data, AuditLog audit, TenantTransactions transactions,
			Clock clock) {
		this.directory = directory;
		this.data = data;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The citizens whose username, e-mail address, first or last name contains the text,
	 * at most {@value #MAX_RESULTS}.
	 */
	public List<CitizenSummary> search(TenantDefinition tenant, String text) {
		List<UserRepresentation> citizens = this.directory.search(tenant, text, MAX_RESULTS);
		if (citizens.isEmpty()) {
			return List.of();
		}
		Map<String, CitizenHoldings.Summary> records = this.transactions.read(tenant,
				() -> this.data.records(citizens.stream().map(UserRepresentation::getId).toList()));
		return citizens.stream().map((user) -> summaries.summary(user, records.get(user.getId()))).toList();
	}

	/** The citizen, if the id is a citizen of the tenant's realm. */
	public Optional<CitizenSummary> find(TenantDefinition tenant, String userId) {
		return this.directory.citizen(tenant, userId)
			.map((user) -> summaries.summary(user,
					this.transactions.read(tenant, () -> this.data.records(List.of(userId))).get(userId)));
	}

	/** How many rows the platform holds about the citizen, by export section. */
	public Map<String, Integer> holdings(TenantDefinition tenant, String userId) {
		List<UUID> registrations = this.directory.citizen(tenant, userId)
			.map(CitizenDirectory::registrationIds)
			.orElse(List.of());
		return this.transactions.read(tenant, () -> this.data.counts(userId, registrations));
	}

	/**
	 * Everything held about the citizen, as UTF-8 JSON; the export is written to the
	 * audit log (and so appears in the next one).
	 * @return empty if the id is not a citizen of the tenant's realm
	 */
	public Optional<byte[]> export(TenantDefinition tenant, String userId, String actor) {
		Optional<UserRepresentation> found = this.directory.citizen(tenant, userId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		UserRepresentation user = found.get();
		Map<String, Object> identity = this.directory.identity(tenant, user);
		byte[] document = this.transactions.run(tenant, () -> {
			Map<String, @Nullable Object> export = new LinkedHashMap<>();
			export.put("format", "espace-commun/citizen-export/1");
			export.put("exportedAt", this.clock.instant().toString());
			export.put("commune", Map.of("id", tenant.id(), "name", tenant.name()));
			export.put("identity", identity);
			Map<String, String> sources = new LinkedHashMap<>();
			Map<String, Set<String>> withheld = new LinkedHashMap<>();
			Map<String, List<?>> rows = this.data.rows(userId, CitizenDirectory.registrationIds(user));
			for (Source source : this.data.sources()) {
				List<?> section = rows.get(source.section());
				export.put(source.section(), source.single() ? (section.isEmpty() ? null : section.get(0)) : section);
				sources.put(source.section(), source.table());
				if (!source.withheld().isEmpty()) {
					withheld.put(source.table(), source.withheld());
				}
			}
			export.put("sources", sources);
			export.put("withheld", withheld);
			// recorded after the rows were read: the document shows the log as it stood
			this.audit.record(actor, EXPORTED, userId, null, null);
			return json.writeValueAsBytes(export);
		});
		logger.info("Citizen {} exported by {}", userId, actor);
		return Optional.of(document);
	}

	/**
	 * Erases the citizen: the rows of the tenant's schema, their proofs anonymised, then
	 * the account of the realm, all in one database transaction (a Keycloak refusal rolls
	 * the rows back), written to the audit log with ids only.
	 * @return empty if the id is not a citizen of the tenant's realm
	 */
	public Optional<Erasure> erase(TenantDefinition tenant, String userId, String actor) {
		Optional<UserRepresentation> found = this.directory.citizen(tenant, userId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		UserRepresentation user = found.get();
		String pseudonym = UUID.randomUUID().toString();
		Erasure erasure = this.transactions.run(tenant, () -> {
			Instant now = this.clock.instant();
			Map<String, Integer> rows = this.data.erase(userId, CitizenDirectory.registrationIds(user), pseudonym, now);
			this.audit.record(actor, ERASED, userId, null,
					json.writeValueAsString(Map.of("proofPseudonym", pseudonym, "rows", rows)));
			// last, so that a refusal rolls every row back; should the commit itself fail
			// after this, the rows stay and the account is gone: erasing again is then a
			// matter for the operator (logged below with the id only)
			this.directory.delete(tenant, userId);
			return new Erasure(userId, user.getUsername(), pseudonym, rows);
		});
		logger.info("Citizen {} erased by {}: {}", userId, actor, erasure.rows());
		return Optional.of(erasure);
	}

}
