package fr.espacecommun.web.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Answers a request whose host is no tenant's with a plain 404 page. The page names no
 * tenant, so probing host names reveals nothing about which communes are served.
 */
class UnknownHostResponder {

	private static final Logger logger = LoggerFactory.getLogger(UnknownHostResponder.class);

	private final TemplateEngine templates;

	UnknownHostResponder(TemplateEngine templates) {
		this.templates = templates;
	}

	void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
		logger.debug("No tenant for host {}", TenantFilter.hostOf(request));
		response.setStatus(HttpStatus.NOT_FOUND.value());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		Context context = new Context(Locale.FRENCH, Map.of());
		response.getWriter().write(this.templates.process("error/unknown-host", context));
	}

}
