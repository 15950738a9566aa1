package fr.espacecommun.wizard.internal.steps;

import java.util.List;
import java.util.Map;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Consent;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardField;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Consentement (CCVE): the explicit ACCEPTER of data processing before the wizard, kept
 * as proof (version, SHA-256 of the text, time).
 */
final class ConsentStep implements StepHandler {

	static final String FIELD = "consent";

	@Override
	public StepType type() {
		return StepType.CONSENT;
	}

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		return List.of();
	}

	@Override
	public void take(StepContext step, Map<String, String> typed, StepErrors errors) {
		Consent consent = step.tenant().consent();
		if ("accept".equals(typed.get(FIELD)) && consent != null) {
			step.draft().acceptConsent(consent.version(), DigestUtils.sha256Hex(consent.text()), step.now());
		}
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
		if (step.draft().getConsentAcceptedAt() == null) {
			errors.add(new FieldError(FIELD, "consent", List.of()));
		}
	}

}
