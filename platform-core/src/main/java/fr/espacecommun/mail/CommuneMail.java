package fr.espacecommun.mail;

import fr.espacecommun.tenant.TenantDefinition;

/**
 * A mail a commune sends a citizen: from the tenant's sender, in French, as plain text
 * and simple HTML. Built only through {@link #of}, which refuses line breaks in headers.
 *
 * @param tenantId the sending tenant
 * @param from sender address (the tenant's {@code contact.mailFrom})
 * @param fromName sender name (the tenant's {@code contact.mailFromName})
 * @param to recipient address
 * @param subject subject line
 * @param text plain-text body
 * @param html HTML body
 */
public record CommuneMail(String tenantId, String from, String fromName, String to, String subject, String text,
		String html) {

	public CommuneMail {
		// a CR or LF in a header would let text forge extra headers (Bcc:, ...)
		requireSingleLine("from", from);
		requireSingleLine("fromName", fromName);
		requireSingleLine("to", to);
		requireSingleLine("subject", subject);
	}

	/** A mail from the tenant's sender. */
	public static CommuneMail of(TenantDefinition tenant, String to, String subject, MailBody body) {
		return new CommuneMail(tenant.id(), tenant.contact().mailFrom(), tenant.contact().mailFromName(), to, subject,
				body.text(), body.html());
	}

	private static void requireSingleLine(String name, String value) {
		if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("Mail header " + name + " contains a line break");
		}
	}

	@Override
	public String toString() {
		// bodies may hold a generated password: never logged
		return "CommuneMail[tenant=" + this.tenantId + ", subject=" + this.subject + "]";
	}

	/**
	 * The two bodies of a mail.
	 *
	 * @param text plain text
	 * @param html HTML
	 */
	public record MailBody(String text, String html) {

		@Override
		public String toString() {
			return "MailBody[...]";
		}

	}

}
