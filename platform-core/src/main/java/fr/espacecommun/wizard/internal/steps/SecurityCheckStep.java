package fr.espacecommun.wizard.internal.steps;

import java.util.List;
import java.util.Map;

import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Captcha;
import fr.espacecommun.wizard.FieldError;
import fr.espacecommun.wizard.WizardField;
import fr.espacecommun.wizard.internal.WizardDraft;
import fr.espacecommun.wizard.internal.steps.SecurityCheck.Challenge;

/**
 * Contrôle de sécurité (Fresnes: "Cliquez sur le pied", CCPLM: le crayon): a picture to
 * choose, or a sum to answer; passed once, it stays passed until submission. Each answer
 * spends its challenge (see {@link SecurityCheck}).
 */
final class SecurityCheckStep implements StepHandler {

	static final String PICTURE = "captcha";

	static final String ANSWER = "captchaAnswer";

	@Override
	public StepType type() {
		return StepType.SECURITY_CHECK;
	}

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		return List.of();
	}

	@Override
	public void prepare(StepContext step) {
		WizardDraft draft = step.draft();
		Captcha captcha = step.tenant().captcha();
		if (captcha != null && draft.getSecurityPassedAt() == null && draft.getSubmittedAt() == null
				&& SecurityCheck.read(draft.getSecurityChallenge()) == null) {
			draft.setSecurityChallenge(SecurityCheck.write(SecurityCheck.newChallenge(captcha)));
		}
	}

	@Override
	public void take(StepContext step, Map<String, String> typed, StepErrors errors) {
		WizardDraft draft = step.draft();
		Captcha captcha = step.tenant().captcha();
		if (draft.getSecurityPassedAt() != null || captcha == null) {
			return;
		}
		Challenge challenge = SecurityCheck.read(draft.getSecurityChallenge());
		String picture = typed.get(PICTURE);
		String answer = typed.get(ANSWER);
		if (challenge != null && SecurityCheck.isRight(challenge, picture, answer)) {
			draft.setSecurityPassedAt(step.now());
			draft.setSecurityChallenge(null);
			return;
		}
		// single use: whatever was answered, this challenge is spent
		draft.setSecurityChallenge(SecurityCheck.write(SecurityCheck.newChallenge(captcha)));
		boolean answered = (picture != null && !picture.isBlank()) || (answer != null && !answer.isBlank());
		if (answered) {
			errors.add(new FieldError(PICTURE, "securityWrong", List.of()));
		}
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
		if (step.tenant().captcha() != null && step.draft().getSecurityPassedAt() == null && !errors.has(PICTURE)) {
			errors.add(new FieldError(PICTURE, "securityMissing", List.of()));
		}
	}

}
