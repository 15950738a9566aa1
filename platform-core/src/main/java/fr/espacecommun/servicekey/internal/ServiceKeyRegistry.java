package fr.espacecommun.servicekey.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.csv.CsvColumn;
import fr.espacecommun.csv.CsvRefusedException;
import fr.espacecommun.csv.CsvRow;
import fr.espacecommun.csv.CsvUpload;
import fr.espacecommun.csv.Reason;
import fr.espacecommun.registration.ServiceKeyRecords;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.FieldKind;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.FieldRules.Result;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardField;
import org.jspecify.annotations.Nullable;
import org.mapstruct.factory.Mappers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's {@code service_key} registry. An import adds new keys and updates the
 * holder of known ones (a key is its service and value: never twice); keys missing from a
 * later file stay. Citizens' keys live in {@code service_key_link} (written by
 * registration and Mon espace); a registry key is linked when an account holds it.
 */
public class ServiceKeyRegistry {

	private static final Logger logger = LoggerFactory.getLogger(ServiceKeyRegistry.class);

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	static final String KEY = "key";

	static final String SERVICE = "service";

	static final String HOLDER = "holder";

	private static final List<CsvColumn> COLUMNS = List.of(
			new CsvColumn(KEY, "cle", true, Set.of("clé", "clé d'accès", "key", "key id", "identifiant", "valeur")),
			new CsvColumn(SERVICE, "service", true, Set.of("service id", "id service")),
			new CsvColumn(HOLDER, "titulaire", false, Set.of("nom", "nom du titulaire", "holder", "holder name")));

	private static final WizardField HOLDER_FIELD = new WizardField(HOLDER, "Titulaire", false, FieldKind.TEXT, 200,
			"off", "", "", "");

	private static final RegistryKeyMapper mapper = Mappers.getMapper(RegistryKeyMapper.class);

	private final ServiceKeyRecords records;

	private final TenantTransactions transactions;

	private final AuditLog audit;

	private final Clock clock;

	ServiceKeyRegistry(ServiceKeyRecords records, TenantTransactions transactions, AuditLog audit, Clock clock) {
		this.records = records;
		this.transactions = transactions;
		this.audit = audit;
		this.clock = clock;
	}

	/** The headers of the registry file, in order. */
	public static List<String> columnNames() {
		return COLUMNS.stream().map(CsvColumn::name).toList();
	}

	/** An example registry file for the commune, UTF-8 with a BOM. */
	public static byte[] exampleFile(TenantDefinition tenant) {
		StringBuilder text = new StringBuilder("\uFEFF").append(String.join(";", columnNames())).append("\r\n");
		String[] holders = { "Hélène Lefèvre", "" };
		int i = 0;
		for (ServiceKeyDefinition key : tenant.serviceKeys()) {
			text.append(key.example()).append(';').append(key.id()).append(';').append(holders[i++ % 2]).append("\r\n");
		}
		return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * Imports a registry file: valid lines are added or updated in one transaction,
	 * audited; refused lines are reported.
	 * @throws CsvRefusedException if the file itself is refused (size, type, header)
	 * @throws IOException if the upload cannot be read
	 */
	public ImportResult importFile(TenantDefinition tenant, String staff, String fileName, InputStream in, long size)
			throws IOException {
		CsvUpload file = CsvUpload.read(in, size, COLUMNS);
		LocalDate today = LocalDate.now(this.clock.withZone(PARIS));
		List<RefusedLine> refused = new ArrayList<>();
		List<RegistryKey> valid = new ArrayList<>();
		Map<String, Integer> firstLine = new HashMap<>();
		for (CsvRow row : file.rows()) {
			List<Reason> reasons = new ArrayList<>();
			row.problem().ifPresent(reasons::add);
			Optional<ServiceKeyDefinition> service = service(tenant, row.value(SERVICE));
			String key = "";
			if (service.isEmpty()) {
				reasons.add(row.value(SERVICE).isBlank() ? Reason.of("keys.error.serviceMissing")
						: Reason.of("keys.error.serviceUnknown", row.value(SERVICE), serviceIds(tenant)));
			}
			else {
				// the wizard's rule for the key; a line of the registry must hold one
				Result checked = FieldRules.checkValue(
						WizardDefinition.serviceKeyField(tenant, service.get()).required(true), row.value(KEY), today);
				checked.error()
					.ifPresent((error) -> reasons.add(new Reason("wizard.error." + error.code(), error.args())));
				key = checked.value();
			}
			Result holder = FieldRules.checkValue(HOLDER_FIELD, row.value(HOLDER), today);
			holder.error().ifPresent((error) -> reasons.add(new Reason("wizard.error." + error.code(), error.args())));
			if (reasons.isEmpty()) {
				Integer first = firstLine.putIfAbsent(service.get().id() + "\n" + key, row.line());
				if (first != null) {
					reasons.add(Reason.of("keys.error.duplicate", first));
				}
			}
			if (reasons.isEmpty()) {
				valid.add(new RegistryKey(service.get().id(), key, holder.value(), false, null));
			}
			else {
				refused.add(new RefusedLine(row.line(), reasons));
			}
		}
		Instant now = this.clock.instant();
		int added = this.transactions.run(tenant, () -> {
			// citizens who typed a key before the registry knew it now hold a verified
			// one (in the same transaction)
			int fresh = this.records.importKeys(tenant, valid.stream().map(mapper::newKey).toList(), now);
			this.audit.record(staff, "service-keys.imported", fileName, null, fresh + " ajoutée(s), "
					+ (valid.size() - fresh) + " mise(s) à jour, " + refused.size() + " ligne(s) refusée(s)");
			return fresh;
		});
		int updated = valid.size() - added;
		logger.info("Service key registry imported: {} added, {} updated, {} lines refused", added, updated,
				refused.size());
		return new ImportResult(added, updated, refused);
	}

	/**
	 * The registry's keys, by service then key, each with whether an account holds it.
	 */
	public List<RegistryKey> keys(TenantDefinition tenant, int offset, int limit) {
		return this.records.page(tenant, offset, limit).stream().map(mapper::registryKey).toList();
	}

	/** How many keys the registry holds, and how many of them an account holds. */
	public Counts counts(TenantDefinition tenant) {
		return this.transactions.read(tenant,
				() -> new Counts((int) this.records.count(tenant), (int) this.records.countLinked(tenant)));
	}

	private static Optional<ServiceKeyDefinition> service(TenantDefinition tenant, String value) {
		String wanted = CsvColumn.normalise(value);
		return tenant.serviceKeys()
			.stream()
			.filter((key) -> CsvColumn.normalise(key.id()).equals(wanted)
					|| CsvColumn.normalise(key.label()).equals(wanted))
			.findFirst();
	}

	private static String serviceIds(TenantDefinition tenant) {
		return tenant.serviceKeys().stream().map(ServiceKeyDefinition::id).collect(Collectors.joining(", "));
	}

	/**
	 * A key of the registry.
	 *
	 * @param serviceId the service ({@code enfance})
	 * @param value the key
	 * @param holderName the holder the back office named, empty if none
	 * @param linked whether a citizen's account holds it
	 * @param linkedAt since when, if linked
	 */
	public record RegistryKey(String serviceId, String value, String holderName, boolean linked,
			@Nullable Instant linkedAt) {
	}

	/**
	 * Registry counts.
	 *
	 * @param total keys in the registry
	 * @param linked keys an account holds
	 */
	public record Counts(int total, int linked) {

		/** Keys no account holds. */
		public int unlinked() {
			return this.total - this.linked;
		}

	}

	/**
	 * What an import did.
	 *
	 * @param added keys new to the registry
	 * @param updated keys already known, holder updated
	 * @param refused lines refused, with why
	 */
	public record ImportResult(int added, int updated, List<RefusedLine> refused) {

		public ImportResult {
			refused = List.copyOf(refused);
		}

	}

	/**
	 * A refused line.
	 *
	 * @param line its line in the file
	 * @param reasons why
	 */
	public record RefusedLine(int line, List<Reason> reasons) {

		public RefusedLine {
			reasons = List.copyOf(reasons);
		}

	}

}
