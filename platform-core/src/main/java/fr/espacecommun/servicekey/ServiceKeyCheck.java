package fr.espacecommun.servicekey;

import java.time.LocalDate;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.WizardDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The wizard's rule for a service key ({@link FieldRules}, its field as the wizard
 * declares it), for the pages outside the wizard that take one: a key the wizard accepts
 * is accepted there, with the same messages ({@code wizard.error.<code>}).
 */
public final class ServiceKeyCheck {

	private ServiceKeyCheck() {
	}

	/**
	 * Checks a key typed for one of the tenant's services.
	 * @param tenant the tenant
	 * @param key the service's key definition
	 * @param raw what was typed
	 * @param today the current day in Paris
	 * @return the normalised key (upper case), or the error
	 */
	public static FieldRules.Result check(TenantDefinition tenant, ServiceKeyDefinition key, @Nullable String raw,
			LocalDate today) {
		return FieldRules.checkValue(WizardDefinition.serviceKeyField(tenant, key), raw, today);
	}

}
