package fr.espacecommun.accountimport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.accountimport.internal.ImportPreview.Checked;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.csv.CsvRefusedException;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;
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

	private final ImportPreview preview;

	private final ImportWorker worker;

	private final TenantTransactions transactions;

	private final AuditLog audit;

	private final Clock clock;

	AccountImports(ImportStore store, ImportPreview preview, ImportWorker worker, TenantTransactions transactions,
			AuditLog audit, Clock clock) {
		this.store = store;
		this.preview = preview;
		this.worker = worker;
		this.transactions = transactions;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether the commune creates accounts itself (its YAML says so). */
	public static boolean availableFor(TenantDefinition tenant) {
		return tenant.activation().preProvisionedAccounts();
	}

	/** The columns of the commune's file, as the page documents them. */
	public List<ColumnDoc> columns(TenantDefinition tenant) {
		return ImportPreview.columns(tenant);
	}

	/**
	 * An example file for the commune, UTF-8 with a BOM so spreadsheets read it right.
	 */
	public byte[] exampleFile(TenantDefinition tenant) {
		return ImportPreview.exampleFile(tenant);
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
		Checked file = this.preview.read(tenant, in, size, LocalDate.now(this.clock.withZone(PARIS)));
		UUID id = UUID.randomUUID();
		this.transactions.execute(tenant, () -> {
			this.store.insert(id, displayName(fileName), file.sha256(), staff, this.clock.instant());
			file.rows().forEach((row) -> this.store.insertRow(id, row));
		});
		logger.info("Account import {} previewed: {} lines", id, file.rows().size());
		return id;
	}

	/**
	 * Starts creating the preview's valid lines in the background. A second confirmation
	 * (double click, another tab) starts nothing.
	 * @return whether this call started it
	 */
	public boolean confirm(TenantDefinition tenant, UUID id, String staff) {
		boolean started = this.transactions.run(tenant, () -> {
			if (!this.store.confirm(id, staff, this.clock.instant())) {
				return false;
			}
			ImportSummary summary = this.store.find(id).orElseThrow();
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
		Optional<ImportSummary> found = this.transactions.read(tenant, () -> this.store.find(id));
		if (found.isPresent() && found.get().state() == ImportState.RUNNING) {
			boolean silent = this.transactions.run(tenant,
					() -> this.store.takeOver(id, this.clock.instant(), SILENCE_LIMIT));
			if (silent) {
				logger.warn("Account import {} was silent for over {}: taken over", id, SILENCE_LIMIT);
				this.worker.start(tenant, id);
			}
		}
		return found;
	}

	/** The import's lines, in file order. */
	public List<RowView> rows(TenantDefinition tenant, UUID id) {
		return this.transactions.read(tenant, () -> this.store.rows(id));
	}

	/** The latest imports, newest first. */
	public List<ImportSummary> latest(TenantDefinition tenant, int limit) {
		return this.transactions.read(tenant, () -> this.store.latest(limit));
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

}
