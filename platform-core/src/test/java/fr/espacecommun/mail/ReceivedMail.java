package fr.espacecommun.mail;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.runtime.EmbeddedSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A mail the SMTP catcher received, as a person reads it: sender, recipient, subject and
 * the plain-text and HTML bodies.
 *
 * @param fromAddress sender address
 * @param fromName sender name
 * @param to recipients
 * @param subject subject
 * @param text plain-text body
 * @param html HTML body
 */
public record ReceivedMail(String fromAddress, String fromName, List<String> to, String subject, String text,
		String html) {

	private static final Pattern ACTIVATION_LINK = Pattern.compile("https?://\\S+/activation/([A-Za-z0-9_-]{43})");

	/** Waits (up to 15 s) for the mail sent to this address, the latest if several. */
	public static ReceivedMail to(String address) {
		return awaitCount(address, 1).get(0);
	}

	/** Waits (up to 15 s) until {@code count} mails reached the address; newest first. */
	public static List<ReceivedMail> awaitCount(String address, int count) {
		long deadline = System.currentTimeMillis() + 15_000;
		while (true) {
			List<ReceivedMail> mails = all(address);
			if (mails.size() >= count || System.currentTimeMillis() > deadline) {
				if (mails.size() < count) {
					throw new AssertionError("Expected " + count + " mails to " + address + ", got " + mails.size());
				}
				return mails;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/** Every mail received for the address, newest first. */
	public static List<ReceivedMail> all(String address) {
		List<MimeMessage> messages = new java.util.ArrayList<>(EmbeddedSmtp.shared().receivedMessages());
		java.util.Collections.reverse(messages);
		return messages.stream().map(ReceivedMail::of).filter((mail) -> mail.to().contains(address)).toList();
	}

	/** The activation link's token in the plain-text body. */
	public String activationToken() {
		Matcher matcher = ACTIVATION_LINK.matcher(this.text);
		if (!matcher.find()) {
			throw new AssertionError("No activation link in: " + this.text);
		}
		return matcher.group(1);
	}

	/** The activation link in the plain-text body. */
	public String activationLink() {
		Matcher matcher = ACTIVATION_LINK.matcher(this.text);
		if (!matcher.find()) {
			throw new AssertionError("No activation link in: " + this.text);
		}
		return matcher.group();
	}

	static ReceivedMail of(MimeMessage message) {
		try {
			InternetAddress from = (InternetAddress) message.getFrom()[0];
			List<String> to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.map((address) -> ((InternetAddress) address).getAddress())
				.toList();
			StringBuilder text = new StringBuilder();
			StringBuilder html = new StringBuilder();
			collect(message, text, html);
			return new ReceivedMail(from.getAddress(), from.getPersonal(), to, message.getSubject(), text.toString(),
					html.toString());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void collect(Part part, StringBuilder text, StringBuilder html)
			throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			text.append(part.getContent());
		}
		else if (part.isMimeType("text/html")) {
			html.append(part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				collect(body, text, html);
			}
		}
	}

}
