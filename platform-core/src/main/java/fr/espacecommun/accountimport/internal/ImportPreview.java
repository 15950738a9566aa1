package fr.espacecommun.accountimport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import fr.espacecommun.accountimport.internal.ImportColumns.Column;
import fr.espacecommun.accountimport.internal.ImportStore.NewRow;
import fr.espacecommun.csv.CsvRefusedException;
import fr.espacecommun.csv.CsvRow;
import fr.espacecommun.csv.CsvUpload;
import fr.espacecommun.csv.Reason;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.FieldRules.Result;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Reads an import file and checks every line with the wizard's field rules; an e-mail
 * that already has an account is "déjà créé", not an error. Touches no table.
 */
class ImportPreview {

	private final CitizenAccounts accounts;

	ImportPreview(CitizenAccounts accounts) {
		this.accounts = accounts;
	}

	/** The columns of the commune's file, as the page documents them. */
	static List<ColumnDoc> columns(TenantDefinition tenant) {
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
	static byte[] exampleFile(TenantDefinition tenant) {
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
	 * The file's lines, checked.
	 * @throws CsvRefusedException if the file itself is refused (size, type, header)
	 * @throws IOException if the upload cannot be read
	 */
	Checked read(TenantDefinition tenant, InputStream in, long size, LocalDate today) throws IOException {
		ImportColumns columns = ImportColumns.of(tenant);
		CsvUpload file = CsvUpload.read(in, size, columns.csv());
		Map<String, Integer> firstLineOfEmail = new HashMap<>();
		List<NewRow> rows = new ArrayList<>();
		for (CsvRow row : file.rows()) {
			rows.add(check(tenant, columns, row, today, firstLineOfEmail));
		}
		return new Checked(file.sha256(), rows);
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
	 * A file read and checked.
	 *
	 * @param sha256 the file's SHA-256
	 * @param rows its data lines
	 */
	record Checked(String sha256, List<NewRow> rows) {
	}

}
