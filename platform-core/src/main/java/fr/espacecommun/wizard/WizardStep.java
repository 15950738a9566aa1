package fr.espacecommun.wizard;

import java.util.List;

import fr.espacecommun.tenant.StepType;
import org.jspecify.annotations.Nullable;

/**
 * One step of a tenant's wizard with the fields it asks.
 *
 * @param type which step of the catalogue
 * @param title the commune's title
 * @param intro text above the fields, if any
 * @param fields the fields asked, in page order (hidden fields left out)
 */
public record WizardStep(StepType type, String title, @Nullable String intro, List<WizardField> fields) {

	public WizardStep {
		fields = List.copyOf(fields);
	}

}
