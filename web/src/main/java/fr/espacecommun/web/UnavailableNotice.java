package fr.espacecommun.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The 503 notices that filters answer before any controller runs (a suspended commune,
 * the database down): the paths that stay open, and the French page or problem JSON,
 * rendered whole.
 */
public final class UnavailableNotice {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final TemplateEngine templates;

	private final MessageSource messages;

	private volatile @Nullable JakartaServletWebApplication application;

	public UnavailableNotice(TemplateEngine templates, MessageSource messages) {
		this.templates = templates;
		this.messages = messages;
	}

	/**
	 * The problem JSON API paths get, its title and detail from messages_fr.properties.
	 * @param titleKey the title's message key
	 * @param detailKey the detail's message key
	 * @return {@code {"status":503,"title":…,"detail":…}}
	 */
	public String problem(String titleKey, String detailKey) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
		problem.put("title", this.messages.getMessage(titleKey, null, Locale.FRENCH));
		problem.put("detail", this.messages.getMessage(detailKey, null, Locale.FRENCH));
		return json.writeValueAsString(problem);
	}

	/**
	 * Health probes, shared assets and the commune's branding (used by the notice): open
	 * whatever the notice says.
	 */
	public static boolean alwaysOpen(String path) {
		return path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/css/")
				|| path.startsWith("/img/") || path.startsWith("/js/") || path.startsWith("/branding/")
				|| path.equals("/favicon.ico");
	}

	/**
	 * Writes a 503, whole and with its length, to the response given: a problem JSON for
	 * {@code /api/} paths, the template otherwise.
	 * @param request the request
	 * @param response the response written to
	 * @param path the path within the application
	 * @param apiBody the problem JSON for API paths
	 * @param template the page's template
	 * @param variables the page's variables
	 * @param retryAfter the {@code Retry-After} seconds, or {@code null} for none
	 * @throws IOException when the answer cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, String path, String apiBody,
			String template, Map<String, Object> variables, @Nullable String retryAfter) throws IOException {
		String body;
		if (path.startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			body = apiBody;
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			WebContext context = new WebContext(application(request).buildExchange(request, response), Locale.FRENCH,
					variables);
			body = this.templates.process(template, context);
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		if (retryAfter != null) {
			response.setHeader("Retry-After", retryAfter);
		}
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
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
