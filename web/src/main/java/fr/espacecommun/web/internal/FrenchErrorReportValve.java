package fr.espacecommun.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import fr.espacecommun.web.SecurityHeaders;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The page of the errors Tomcat answers itself, before any filter or page of the platform
 * (a malformed address such as {@code /%zz}, a request line or header it cannot read):
 * the platform's French page with the security headers, instead of Tomcat's English "HTTP
 * Status 400 – Bad Request". It names no commune (the request may not even have a
 * readable host) and shows nothing of the request.
 */
class FrenchErrorReportValve extends ErrorReportValve {

	private final MessageSource messages;

	private final boolean hstsAlways;

	FrenchErrorReportValve(MessageSource messages, boolean hstsAlways) {
		this.messages = messages;
		this.hstsAlways = hstsAlways;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// as Tomcat's: nothing below 400, nothing over a body already written, once
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String kind = (status == 400) ? "badRequest"
				: (status == 404) ? "notFound" : (status == 413) ? "tooLarge" : (status < 500) ? "other" : "server";
		byte[] body = page(message("error." + kind + ".title"), message("error." + kind + ".text"))
			.getBytes(StandardCharsets.UTF_8);
		try {
			SecurityHeaders.write(response, this.hstsAlways || request.isSecure());
			response.setHeader("Cache-Control", "no-store");
			response.setContentType("text/html;charset=UTF-8");
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client left: nothing to tell it
		}
	}

	private String message(String key) {
		return HtmlUtils.htmlEscape(this.messages.getMessage(key, null, Locale.FRENCH), "UTF-8");
	}

	private String page(String title, String text) {
		return """
				<!DOCTYPE html>
				<html lang="fr">
				<head>
					<meta charset="utf-8">
					<meta name="viewport" content="width=device-width, initial-scale=1">
					<title>%1$s</title>
					<link rel="stylesheet" href="/css/espace.css">
				</head>
				<body>
					<main id="contenu" class="content">
						<h1>%1$s</h1>
						<p>%2$s</p>
						<p><a href="/">%3$s</a></p>
					</main>
				</body>
				</html>
				""".formatted(title, text, message("common.backHome"));
	}

}
