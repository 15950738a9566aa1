package fr.espacecommun.activation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.espacecommun.mail.CommuneMail;
import fr.espacecommun.mail.CommuneMailer;
import fr.espacecommun.mail.MailTemplates;
import fr.espacecommun.registration.ActivationPolicy.CreatedAccount;
import fr.espacecommun.tenant.TenantDefinition;

/**
 * The activation mails, in French, sent after the deciding transaction commits, through
 * the durable outbox (except the one carrying a generated password).
 */
class ActivationMails {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** "mardi 5 mai 2026 à 18h00", Paris time. */
	static final DateTimeFormatter FRENCH_DATE_TIME = DateTimeFormatter
		.ofPattern("EEEE d MMMM uuuu 'à' HH'h'mm", Locale.FRENCH)
		.withZone(PARIS);

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
		send(tenant, account.email(), "votre espace est activé", "account-active", variables(tenant, account));
	}

	/** E-mail link (Fresnes, CCPLM): follow the link to activate. */
	void activationLink(TenantDefinition tenant, CreatedAccount account, String token, Instant expiresAt) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("link", activationUrl(tenant, token));
		variables.put("validUntil", FRENCH_DATE_TIME.format(expiresAt));
		send(tenant, account.email(), "activez votre espace", "activation-link", variables);
	}

	/** Manual approval (Villennes): the account will be activated by the deadline. */
	void awaitingApproval(TenantDefinition tenant, CreatedAccount account, Instant deadline) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("deadline", FRENCH_DATE_TIME.format(deadline));
		send(tenant, account.email(), "votre demande de création d'espace", "awaiting-approval", variables);
	}

	/** An account the commune created, with its generated credentials (Vélizy). */
	void preProvisioned(TenantDefinition tenant, CreatedAccount account, String password, String token,
			Instant expiresAt) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("password", password);
		variables.put("link", activationUrl(tenant, token));
		variables.put("validUntil", FRENCH_DATE_TIME.format(expiresAt));
		// carries a password: never stored, so not kept in the outbox
		String subject = subject(tenant, "activez votre espace personnel");
		this.mailer.sendAfterCommitUnkept(
				CommuneMail.of(tenant, account.email(), subject, this.templates.render("pre-provisioned", variables)));
	}

	/** Staff approved the account (Villennes): it is usable now. */
	void approved(TenantDefinition tenant, CreatedAccount account) {
		send(tenant, account.email(), "votre espace est activé", "account-approved", variables(tenant, account));
	}

	/** Staff rejected the account (Villennes), for this reason. */
	void rejected(TenantDefinition tenant, CreatedAccount account, String reason) {
		Map<String, Object> variables = variables(tenant, account);
		variables.put("reason", reason);
		send(tenant, account.email(), "votre demande de création d'espace", "account-rejected", variables);
	}

	/** The daily list of the accounts awaiting approval, to one staff member. */
	void digest(TenantDefinition tenant, String staffEmail, String summary, List<DigestItem> items) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("portalName", tenant.portalName());
		variables.put("communeName", tenant.name());
		variables.put("summary", summary);
		variables.put("items", items);
		variables.put("queueUrl", this.links.baseUrl(tenant) + "/admin/comptes");
		send(tenant, staffEmail, "comptes en attente d'activation", "approval-digest", variables);
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

	private void send(TenantDefinition tenant, String to, String topic, String template,
			Map<String, Object> variables) {
		this.mailer.sendAfterCommit(
				CommuneMail.of(tenant, to, subject(tenant, topic), this.templates.render(template, variables)));
	}

	private static String subject(TenantDefinition tenant, String topic) {
		return tenant.portalName() + " – " + tenant.name() + " : " + topic;
	}

	/**
	 * One line of the staff's digest, as the mail shows it.
	 *
	 * @param status "En retard" or "Dans les délais"
	 * @param overdue whether the deadline has passed
	 * @param deadline the deadline, in French
	 * @param name the citizen's names
	 * @param username the username
	 * @param email the citizen's e-mail
	 * @param submittedAt when the citizen submitted, in French
	 */
	public record DigestItem(String status, boolean overdue, String deadline, String name, String username,
			String email, String submittedAt) {
	}

}
