package fr.espacecommun.wizard;

import java.util.List;

/**
 * A refused value, told to the citizen next to its field. The web layer turns the code
 * into a French sentence ({@code wizard.error.<code>} in messages_fr.properties).
 *
 * @param field the field id
 * @param code the message key suffix ({@code required})
 * @param args message arguments, the field's label first
 */
public record FieldError(String field, String code, List<Object> args) {

	public FieldError {
		args = List.copyOf(args);
	}

	/** The error of this field, its label as the first argument. */
	public static FieldError of(WizardField field, String code, Object... more) {
		Object[] args = new Object[more.length + 1];
		args[0] = field.label();
		System.arraycopy(more, 0, args, 1, more.length);
		return new FieldError(field.id(), code, List.of(args));
	}

}
