package fr.espacecommun.accountimport.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import fr.espacecommun.csv.CsvColumn;
import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardField;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a commune's account file, from its YAML: names and e-mail (required: the
 * account and its mail need them), then one column per service key, named by the key's
 * id. Each is checked by the wizard's own field (label, length, pattern) where the
 * commune's wizard has it.
 */
final class ImportColumns {

	static final String LAST_NAME = "lastName";

	static final String FIRST_NAMES = "firstNames";

	static final String EMAIL = "email";

	private final List<Column> columns;

	private ImportColumns(List<Column> columns) {
		this.columns = List.copyOf(columns);
	}

	static ImportColumns of(TenantDefinition tenant) {
		WizardDefinition wizard = WizardDefinition.of(tenant);
		List<Column> columns = new ArrayList<>();
		// the field registry's kinds and lengths, also for communes whose wizard does not
		// ask for names (Vélizy: they come from this import)
		columns.add(person(tenant, wizard, LAST_NAME, "nom", "Nom",
				Set.of("nom usuel", "nom de famille", "last name", "lastName")));
		columns.add(person(tenant, wizard, FIRST_NAMES, "prenoms", "Prénom(s)",
				Set.of("prénom", "first name", "firstNames", "firstName")));
		columns.add(person(tenant, wizard, EMAIL, "courriel", "Courriel",
				Set.of("e-mail", "email", "mail", "adresse de courriel", "adresse électronique")));
		for (ServiceKeyDefinition key : tenant.serviceKeys()) {
			String id = WizardField.SERVICE_KEY_PREFIX + key.id();
			WizardField field = WizardDefinition.serviceKeyField(tenant, key);
			columns.add(new Column(new CsvColumn(id, key.id(), key.required(),
					Set.of(key.label(), "clé " + key.id(), "clé " + key.label())), field, key.example()));
		}
		return new ImportColumns(columns);
	}

	private static Column person(TenantDefinition tenant, WizardDefinition wizard, String id, String name,
			String defaultLabel, Set<String> aliases) {
		String label = tenant.field(id).map(FieldRule::label).orElse(defaultLabel);
		WizardField field = wizard.field(id)
			.orElseGet(() -> WizardField.of(FieldCatalog.field(id).orElseThrow(), label, true))
			.required(true);
		Set<String> all = new HashSet<>(aliases);
		all.add(label);
		return new Column(new CsvColumn(id, name, true, all), field, "");
	}

	List<Column> all() {
		return this.columns;
	}

	List<CsvColumn> csv() {
		return this.columns.stream().map(Column::csv).toList();
	}

	List<Column> serviceKeys() {
		return this.columns.stream().filter((column) -> column.serviceKeyId() != null).toList();
	}

	/**
	 * One column.
	 *
	 * @param csv how the file names it
	 * @param field the wizard field whose rules check its values
	 * @param example an example value, empty if none
	 */
	record Column(CsvColumn csv, WizardField field, String example) {

		/** The service key id, or null for names and e-mail. */
		@org.jspecify.annotations.Nullable
		String serviceKeyId() {
			String id = this.csv.id();
			return id.startsWith(WizardField.SERVICE_KEY_PREFIX) ? id.substring(WizardField.SERVICE_KEY_PREFIX.length())
					: null;
		}

	}

}
