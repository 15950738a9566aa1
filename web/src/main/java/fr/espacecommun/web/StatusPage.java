package fr.espacecommun.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * A French refusal page written whole by the component that refuses (a filter, a security
 * handler), without an error dispatch: the status, the page with the host's commune, its
 * length.
 */
public final class StatusPage {

	private final TemplateEngine templates;

	private volatile @Nullable JakartaServletWebApplication application;

	public StatusPage(TemplateEngine templates) {
		this.templates = templates;
	}

	/**
	 * Writes the page.
	 * @param request the request (its commune, if any, brands the page)
	 * @param response the response, not yet committed
	 * @param status the status code
	 * @param template the page's template
	 * @param variables the page's variables besides {@code tenant}
	 * @throws IOException when the answer cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, int status, String template,
			Map<String, Object> variables) throws IOException {
		Map<String, Object> all = new HashMap<>(variables);
		CurrentTenant.of(request).ifPresent((tenant) -> all.put("tenant", tenant));
		WebContext context = new WebContext(application(request).buildExchange(request, response), Locale.FRENCH, all);
		byte[] body = this.templates.process(template, context).getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private JakartaServletWebApplication application(HttpServletRequest request) {
		JakartaServletWebApplication current = this.application;
		if (current == null) {
			current = JakartaServletWebApplication.buildApplication(request.getServletContext());
			this.application = current;
		}
		return current;
	}

}
