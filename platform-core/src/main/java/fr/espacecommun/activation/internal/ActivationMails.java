package fr.espacecommun.activation.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.espacecommun.activation.internal.ApprovalQueue.PendingAccount;
import fr.espacecommun.mail.CommuneMail;
import fr.espacecommun.mail.CommuneMailer;
import fr.espacecommun.mail.MailTemplates;
import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.TenantDefinition;

/**
 * The activation mails, in French, sent after the deciding transaction commits, through
 * the durable outbox (except the one carrying a generated password).
 */
public class ActivationMails {

	private final CommuneMailer mailer;

	private final MailTemplates templates;

	private final LinkProperties links;

	ActivationMails(CommuneMailer mailer, MailTemplates templates, LinkProperties links) {
		this.mailer = mailer;
		this.templates = templates;
		this.links = links;
	}

	/** Immediate activation (CCVE): the account is usable. */
	void accountActive(TenantDefinition tenant, CreatedAccount account) {
		send(tenant, account.email(), "accountActive", "account-active", variables(tenant, account));
	}

	/** E-mail link (Fresnes, CCPLM): follow the link to activate. */
	void activationLink(TenantDefinition tenant, CreatedAccount account, String token, Instant expiresAt) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("link", activationUrl(tenant, token));
		variables.put("validUntil", FrenchDates.dateTime(expiresAt));
		send(tenant, account.email(), "activationLink", "activation-link", variables);
	}

	/** Manual approval (Villennes): the account will be activated by the deadline. */
	void awaitingApproval(TenantDefinition tenant, CreatedAccount account, Instant deadline) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("deadline", FrenchDates.dateTime(deadline));
		send(tenant, account.email(), "awaitingApproval", "awaiting-approval", variables);
	}

	/** An account the commune created, with its generated credentials (Vélizy). */
	public void preProvisioned(TenantDefinition tenant, CreatedAccount account, String password, String token,
			Instant expiresAt) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("password", password);
		variables.put("link", activationUrl(tenant, token));
		variables.put("validUntil", FrenchDates.dateTime(expiresAt));
		// carries a password: never stored, so not kept in the outbox
		String subject = subject(tenant, "preProvisioned");
		this.mailer.sendAfterCommitUnkept(
				CommuneMail.of(tenant, account.email(), subject, this.templates.render("pre-provisioned", variables)));
	}

	/** Staff approved the account (Villennes): it is usable now. */
	void approved(TenantDefinition tenant, CreatedAccount account) {
		send(tenant, account.email(), "approved", "account-approved", variables(tenant, account));
	}

	/** Staff rejected the account (Villennes), for this reason. */
	void rejected(TenantDefinition tenant, CreatedAccount account, String reason) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("reason", reason);
		send(tenant, account.email(), "rejected", "account-rejected", variables);
	}

	/** The daily list of the accounts awaiting approval, to one staff member. */
	void digest(TenantDefinition tenant, String staffEmail, int pending, long overdue, List<DigestItem> items) {
		// counts as plain digits, as the queue page writes them
		String accounts = (pending == 1) ? this.templates.message("mail.digest.pending.one")
				: this.templates.message("mail.digest.pending.many", String.valueOf(pending));
		String summary = (overdue == 0) ? this.templates.message("mail.digest.noneOverdue", accounts)
				: this.templates.message("mail.digest.overdue", accounts, String.valueOf(overdue));
		Map<String, Object> variables = new HashMap<>();
		variables.put("portalName", tenant.portalName());
		variables.put("communeName", tenant.name());
		variables.put("summary", summary);
		variables.put("items", items);
		variables.put("queueUrl", this.links.baseUrl(tenant) + "/admin/comptes");
		send(tenant, staffEmail, "digest", "approval-digest", variables);
	}

	String activationUrl(TenantDefinition tenant, String token) {
		return this.links.baseUrl(tenant) + "/activation/" + token;
	}

	private Map<String, Object> variables(TenantDefinition tenant, CreatedAccount account) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("portalName", tenant.portalName());
		variables.put("communeName", tenant.name());
		variables.put("firstName", account.firstName());
		variables.put("lastName", account.lastName());
		variables.put("username", account.username());
		variables.put("homeUrl", this.links.baseUrl(tenant) + "/");
		variables.put("contactEmail", tenant.contact().email());
		variables.put("contactPhone", tenant.contact().phone());
		return variables;
	}

	/**
	 * Sends a mail whose subject is {@code mail.subject.<topic>} of the mails' bundle.
	 */
	private void send(TenantDefinition tenant, String to, String topic, String template,
			Map<String, Object> variables) {
		this.mailer.sendAfterCommit(
				CommuneMail.of(tenant, to, subject(tenant, topic), this.templates.render(template, variables)));
	}

	private String subject(TenantDefinition tenant, String topic) {
		return this.templates.message("mail.subject", tenant.portalName(), tenant.name(),
				this.templates.message("mail.subject." + topic));
	}

	/**
	 * One line of the staff's digest, as the mail shows it.
	 *
	 * @param overdue whether the deadline has passed (the mail says so)
	 * @param deadline the deadline, in French
	 * @param name the citizen's names
	 * @param username the username
	 * @param email the citizen's e-mail
	 * @param submittedAt when the citizen submitted, in French
	 */
	public record DigestItem(boolean overdue, String deadline, String name, String username, String email,
			String submittedAt) {

		/** The account's line, its dates in French. */
		static DigestItem of(PendingAccount account) {
			String deadline = (account.deadline() != null) ? FrenchDates.dateTime(account.deadline()) : "—";
			return new DigestItem(account.overdue(), deadline, account.fullName().isEmpty() ? "—" : account.fullName(),
					account.username(), account.email(), FrenchDates.dateTime(account.submittedAt()));
		}

	}

}
