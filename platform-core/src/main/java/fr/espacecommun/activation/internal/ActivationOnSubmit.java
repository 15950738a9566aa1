package fr.espacecommun.activation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import fr.espacecommun.activation.internal.ActivationTokens.Purpose;
import fr.espacecommun.registration.ActivationPolicy;
import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.tenant.TenantDefinition;

/**
 * The tenant's activation rule, applied to a submitted account: immediate (CCVE), e-mail
 * link (Fresnes, CCPLM) or manual approval within business hours (Villennes).
 */
class ActivationOnSubmit implements ActivationPolicy {

	private final ActivationTokens tokens;

	private final ActivationMails mails;

	private final ApprovalDeadlines deadlines;

	ActivationOnSubmit(ActivationTokens tokens, ActivationMails mails, ApprovalDeadlines deadlines) {
		this.tokens = tokens;
		this.mails = mails;
		this.deadlines = deadlines;
	}

	@Override
	public Started start(TenantDefinition tenant, CreatedAccount account, Instant submittedAt) {
		switch (tenant.activation().mode()) {
			case IMMEDIATE -> {
				this.mails.accountActive(tenant, account);
				return new Started(ActivationState.ACTIVE, null);
			}
			case MANUAL_APPROVAL -> {
				int hours = Objects.requireNonNull(tenant.activation().approvalDeadlineBusinessHours(),
						"approvalDeadlineBusinessHours");
				Instant deadline = this.deadlines.deadline(submittedAt, hours);
				this.mails.awaitingApproval(tenant, account, deadline);
				return new Started(ActivationState.AWAITING_APPROVAL, deadline);
			}
			default -> {
				// e-mail link; a citizen registering on a pre-provisioned tenant proves
				// the mailbox the same way
				Instant expiresAt = submittedAt.plus(Duration.ofHours(tenant.activation().linkValidityHours()));
				String token = this.tokens.issue(tenant, account.userId(), Purpose.EMAIL_LINK, submittedAt, expiresAt);
				this.mails.activationLink(tenant, account, token, expiresAt);
				return new Started(ActivationState.AWAITING_EMAIL_CONFIRMATION, null);
			}
		}
	}

}
