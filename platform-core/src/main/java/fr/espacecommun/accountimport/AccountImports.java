package fr.espacecommun.accountimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.accountimport.ImportColumns.Column;
import fr.espacecommun.accountimport.ImportStore.NewRow;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.csv.CsvRefusedException;
import fr.espacecommun.csv.CsvRow;
import fr.espacecommun.csv.CsvUpload;
import fr.espacecommun.csv.Reason;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.FieldRules.Result;
import org.jspecify.annotations.Nullable;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff's import of pre-provisioned accounts: a CSV file is read and every line
 * checked (the wizard's field rules; an e-mail that already has an account is "déjà
 * créé", not an error) into a stored preview; nothing is created until the staff confirm,
 * then the worker creates the valid lines in the background. Each e-mail gets one account
 * however often the file is imported.
 */
public class AccountImports {

	private static final Logger logger = LoggerFactory.getLogger(AccountImports.class);

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** A running import whose worker was silent this long is taken over. */
	static final Duration SILENCE_LIMIT = Duration.ofMinutes(2);

	private final ImportStore store;

	private final CitizenAccounts accounts;

	private final ImportWorker worker;

	private final TenantTransactions work;

	private final AuditLog audit;

	private final Clock clock;

	AccountImports(ImportStore store, CitizenAccounts accounts, ImportWorker worker, TenantTransactions work,
			AuditLog audit, Clock clock) {
		this.store = store;
		this.accounts = accounts;
		this.worker = worker;
		this.work = work;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether the commune creates accounts itself (its YAML says so). */
	public static boolean availableFor(TenantDefinition tenant) {
		return tenant.activation().preProvisionedAccounts();
	}

	/** The columns of the commune's file, as the page documents them. */
	public List<ColumnDoc> columns(TenantDefinition tenant) {
		return ImportColumns.of(tenant)
			.all()
			.stream()
			.map((column) -> new ColumnDoc(column.csv().name(), column.field().label(), column.csv().required(),
					column.serviceKeyId() != null, column.example()))
			.toList();
	}

	/**
	 * An example file for the commune, UTF-8 with a BOM so spreadsheets read it right.
	 */
	public byte[] exampleFile(TenantDefinition tenant) {
		ImportColumns columns = ImportColumns.of(tenant);
		List<String> header = columns.all().stream().map((column) -> column.csv().name()).toList();
		List<String> first = new ArrayList<>(List.of("Lefèvre", "Hélène", "helene.lefevre@example.org"));
		List<String> second = new ArrayList<>(List.of("Martin", "Jean-Paul", "jean-paul.martin@example.org"));
		for (Column key : columns.serviceKeys()) {
			first.add(key.example());
			second.add("");
		}
		String text = "\uFEFF" + String.join(";", header) + "\r\n" + String.join(";", first) + "\r\n"
				+ String.join(";", second) + "\r\n";
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Reads the file and stores its preview; creates nothing.
	 * @param tenant the commune
	 * @param staff who uploads
	 * @param fileName the file's name, shown only
	 * @param in the file's bytes
	 * @param size the size the upload announced
	 * @return the import's id
	 * @throws CsvRefusedException if the file itself is refused (size, type, header)
	 * @throws IOException if the upload cannot be read
	 */
	public UUID preview(TenantDefinition tenant, String staff, String fileName, InputStream in, long size)
			throws IOException {
		ImportColumns columns = ImportColumns.of(tenant);
		CsvUpload file = CsvUpload.read(in, size, columns.csv());
		LocalDate today = LocalDate.now(this.clock.withZone(PARIS));
		Map<String, Integer> firstLineOfEmail = new HashMap<>();
		List<NewRow> rows = new ArrayList<>();
		for (CsvRow row : file.rows()) {
			rows.add(check(tenant, columns, row, today, firstLineOfEmail));
		}
		UUID id = UUID.randomUUID();
		this.work.run(tenant, () -> {
			this.store.insert(tenant.schema(), id, displayName(fileName), file.sha256(), staff, this.clock.instant());
			rows.forEach((row) -> this.store.insertRow(tenant.schema(), id, row));
			return null;
		});
		logger.info("Account import {} previewed: {} lines", id, rows.size());
		return id;
	}

	private NewRow check(TenantDefinition tenant, ImportColumns columns, CsvRow row, LocalDate today,
			Map<String, Integer> firstLineOfEmail) {
		List<Reason> reasons = new ArrayList<>();
		row.problem().ifPresent(reasons::add);
		Map<String, String> values = new HashMap<>();
		Map<String, String> keys = new LinkedHashMap<>();
		for (Column column : columns.all()) {
			String raw = row.value(column.csv().id());
			Result result = FieldRules.checkValue(column.field(), raw, today);
			result.error().ifPresent((error) -> reasons.add(new Reason("wizard.error." + error.code(), error.args())));
			String value = result.error().isPresent() ? raw : result.value();
			values.put(column.csv().id(), value);
			if (column.serviceKeyId() != null && !value.isBlank()) {
				keys.put(column.serviceKeyId(), value);
			}
		}
		String email = values.get(ImportColumns.EMAIL);
		RowStatus status = RowStatus.INVALID;
		String existingUserId = null;
		if (reasons.isEmpty()) {
			email = CitizenAccounts.normalise(email);
			Integer first = firstLineOfEmail.putIfAbsent(email, row.line());
			if (first != null) {
				reasons.add(Reason.of("import.error.duplicateEmail", first));
			}
			else {
				// the row names the existing account, so the citizen's data rights reach
				// it
				existingUserId = this.accounts.findByEmail(tenant, email).map(UserRepresentation::getId).orElse(null);
				status = (existingUserId != null) ? RowStatus.ALREADY : RowStatus.PENDING;
			}
		}
		return new NewRow(row.line(), values.get(ImportColumns.LAST_NAME), values.get(ImportColumns.FIRST_NAMES), email,
				keys, status, reasons, existingUserId);
	}

	/**
	 * Starts creating the preview's valid lines in the background. A second confirmation
	 * (double click, another tab) starts nothing.
	 * @return whether this call started it
	 */
	public boolean confirm(TenantDefinition tenant, UUID id, String staff) {
		boolean started = this.work.run(tenant, () -> {
			if (!this.store.confirm(tenant.schema(), id, staff, this.clock.instant())) {
				return false;
			}
			ImportSummary summary = this.store.find(tenant.schema(), id).orElseThrow();
			this.audit.record(staff, "accounts.import-started", summary.fileName(), null,
					summary.count(RowStatus.PENDING) + " compte(s) à créer");
			return true;
		});
		if (started) {
			logger.info("Account import {} confirmed", id);
			this.worker.start(tenant, id);
		}
		return started;
	}

	/**
	 * The import, as the page shows it; a running import left by a stopped instance is
	 * taken over and goes on.
	 */
	public Optional<ImportSummary> find(TenantDefinition tenant, UUID id) {
		Optional<ImportSummary> found = this.work.run(tenant, () -> this.store.find(tenant.schema(), id));
		if (found.isPresent() && found.get().state() == ImportState.RUNNING) {
			boolean silent = this.work.run(tenant,
					() -> this.store.takeOver(tenant.schema(), id, this.clock.instant(), SILENCE_LIMIT));
			if (silent) {
				logger.warn("Account import {} was silent for over {}: taken over", id, SILENCE_LIMIT);
				this.worker.start(tenant, id);
			}
		}
		return found;
	}

	/** The import's lines, in file order. */
	public List<RowView> rows(TenantDefinition tenant, UUID id) {
		return this.work.run(tenant, () -> this.store.rows(tenant.schema(), id));
	}

	/** The latest imports, newest first. */
	public List<ImportSummary> latest(TenantDefinition tenant, int limit) {
		return this.work.run(tenant, () -> this.store.latest(tenant.schema(), limit));
	}

	private static String displayName(@Nullable String fileName) {
		if (fileName == null || fileName.isBlank()) {
			return "fichier.csv";
		}
		// browsers may send a path; keep the name, without control characters
		String name = fileName.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cc}", "").strip();
		return name.isEmpty() ? "fichier.csv" : name.substring(0, Math.min(name.length(), 255));
	}

	/** Where an import stands. */
	public enum ImportState {

		/** Read and checked; nothing created until the staff confirm. */
		PREVIEW,
		/** Being created in the background. */
		RUNNING,
		/** Every line handled. */
		DONE

	}

	/** What became of one line. */
	public enum RowStatus {

		/** Refused at preview; never created. */
		INVALID,
		/** An account had this e-mail at preview: "déjà créé". */
		ALREADY,
		/** To create once confirmed. */
		PENDING,
		/** Created and mailed. */
		CREATED,
		/** An account got this e-mail between preview and creation: "déjà créé". */
		EXISTING,
		/**
		 * Creation failed (Keycloak unavailable…); importing the file again retries it.
		 */
		FAILED

	}

	/**
	 * A column of the file, for the page that documents it.
	 *
	 * @param name the header
	 * @param label what it holds, in the commune's words
	 * @param required whether every line must fill it
	 * @param serviceKey whether it is a service key
	 * @param example an example value, empty if none
	 */
	public record ColumnDoc(String name, String label, boolean required, boolean serviceKey, String example) {
	}

	/**
	 * An import and its counts.
	 *
	 * @param id its id
	 * @param fileName the uploaded file's name
	 * @param state where it stands
	 * @param uploadedBy who uploaded it
	 * @param uploadedAt when
	 * @param confirmedBy who confirmed it, if confirmed
	 * @param confirmedAt when
	 * @param finishedAt when the last line was handled
	 * @param heartbeatAt the worker's last sign of life
	 * @param counts lines by status
	 */
	public record ImportSummary(UUID id, String fileName, ImportState state, String uploadedBy, Instant uploadedAt,
			@Nullable String confirmedBy, @Nullable Instant confirmedAt, @Nullable Instant finishedAt,
			@Nullable Instant heartbeatAt, Map<RowStatus, Integer> counts) {

		public ImportSummary {
			counts = Map.copyOf(counts);
		}

		/** Lines with this status. */
		public int count(RowStatus status) {
			return this.counts.getOrDefault(status, 0);
		}

		/** Lines of the file. */
		public int lines() {
			return this.counts.values().stream().mapToInt(Integer::intValue).sum();
		}

		/** Accounts this import creates (or created): the lines valid at confirmation. */
		public int toCreate() {
			return count(RowStatus.PENDING) + count(RowStatus.CREATED) + count(RowStatus.EXISTING)
					+ count(RowStatus.FAILED);
		}

		/** Lines whose account already existed, at preview or at creation. */
		public int alreadyCreated() {
			return count(RowStatus.ALREADY) + count(RowStatus.EXISTING);
		}

		/**
		 * "3 créé(s), 1 déjà créé(s), 0 en erreur, 2 ligne(s) refusée(s)": for the audit
		 * log.
		 */
		String auditCounts() {
			return count(RowStatus.CREATED) + " créé(s), " + alreadyCreated() + " déjà créé(s), "
					+ count(RowStatus.FAILED) + " en erreur, " + count(RowStatus.INVALID) + " ligne(s) refusée(s)";
		}

	}

	/**
	 * One line of an import.
	 *
	 * @param line its line in the file
	 * @param lastName last name
	 * @param firstNames first names
	 * @param email e-mail
	 * @param serviceKeys service keys by service id
	 * @param status what became of it
	 * @param reasons why it was refused or failed
	 * @param username the generated username, once created
	 */
	public record RowView(int line, String lastName, String firstNames, String email, Map<String, String> serviceKeys,
			RowStatus status, List<Reason> reasons, String username) {

		public RowView {
			serviceKeys = Map.copyOf(serviceKeys);
			reasons = List.copyOf(reasons);
		}

		/** The service keys, "enfance : 23456-B7J8K2", for display. */
		public String keysText() {
			return this.serviceKeys.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " : " + entry.getValue())
				.collect(Collectors.joining(", "));
		}

	}

}
