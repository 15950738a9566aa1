package fr.espacecommun.local.internal;

import java.util.ArrayList;
import java.util.List;

import fr.espacecommun.runtime.EmbeddedSmtp;
import fr.espacecommun.web.CurrentTenant;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * For a local run only: the mails the SMTP catcher received (activation links, generated
 * credentials), on the platform host, so a developer can follow them. Never registered
 * outside a local run.
 */
@Controller
@ConditionalOnProperty(name = "espace.local-run", havingValue = "true")
// the catcher is in the local-run module, which the packaged jar leaves out
@ConditionalOnClass(name = "fr.espacecommun.runtime.EmbeddedSmtp")
class CaughtMailController {

	@GetMapping("/dev/courriels")
	String mails(HttpServletRequest request, Model model) throws Exception {
		if (CurrentTenant.of(request).isPresent()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		List<CaughtMail> mails = new ArrayList<>();
		List<MimeMessage> received = EmbeddedSmtp.shared().receivedMessages();
		for (int i = received.size() - 1; i >= 0; i--) {
			MimeMessage message = received.get(i);
			mails.add(new CaughtMail(addresses(message.getFrom()), addresses(message.getAllRecipients()),
					message.getSubject(), text(message.getContent())));
		}
		model.addAttribute("mails", mails);
		return "local/mails";
	}

	private static String addresses(Address[] addresses) {
		return (addresses != null)
				? String.join(", ", java.util.Arrays.stream(addresses).map(Address::toString).toList()) : "";
	}

	private static String text(Object content) throws Exception {
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.isMimeType("text/plain")) {
					return (String) part.getContent();
				}
				if (part.getContent() instanceof Multipart nested) {
					String text = text(nested);
					if (!text.isEmpty()) {
						return text;
					}
				}
			}
		}
		return "";
	}

	/** A caught mail, as shown. */
	record CaughtMail(String from, String to, String subject, String text) {
	}

}
