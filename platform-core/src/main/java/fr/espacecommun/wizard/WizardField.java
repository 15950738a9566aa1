package fr.espacecommun.wizard;

import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.tenant.FieldKind;

/**
 * One field of a wizard step, as the tenant configured it.
 *
 * @param id field id from the FieldCatalog ({@code lastName}), or {@code serviceKey.<id>}
 * for a service key
 * @param label the commune's label
 * @param required whether it must be filled
 * @param kind what it holds
 * @param maxLength longest accepted value
 * @param autocomplete the HTML autocomplete token (WCAG 1.3.5), empty if none
 * @param pattern for service keys: the tenant's regular expression, else empty
 * @param example for service keys: an example key, else empty
 * @param hint text shown under the field, empty if none
 */
public record WizardField(String id, String label, boolean required, FieldKind kind, int maxLength, String autocomplete,
		String pattern, String example, String hint) {

	/** Prefix of the ids of service key fields. */
	public static final String SERVICE_KEY_PREFIX = "serviceKey.";

	/** A catalogue field with the commune's label. */
	public static WizardField of(CitizenField field, String label, boolean required) {
		return new WizardField(field.id(), label, required, field.kind(), field.maxLength(), field.autocomplete(), "",
				"", "");
	}

	/** This field, required or not. */
	public WizardField required(boolean isRequired) {
		return new WizardField(this.id, this.label, isRequired, this.kind, this.maxLength, this.autocomplete,
				this.pattern, this.example, this.hint);
	}

}
