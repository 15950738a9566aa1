package fr.espacecommun.availability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While PostgreSQL is down, every page and API answers 503 at once, pages with a French
 * notice in the commune's colours (its definition is in memory, read from its file), the
 * API with a problem document; health probes, branding and shared assets still answer. A
 * request that fails on the way because the database went (or no connection could be had)
 * gets the same answer instead of a 500. Runs after the tenant is resolved and before the
 * suspension check and Spring Security, which would otherwise wait for the database.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private static final String API_BODY = """
			{"status":503,"title":"Service momentanément indisponible",\
			"detail":"Le service est momentanément indisponible. Réessayez dans quelques minutes."}""";

	private static final String RETRY_AFTER_SECONDS = "30";

	private final DatabaseAvailability database;

	private final TemplateEngine templates;

	private volatile JakartaServletWebApplication application;

	DatabaseUnavailableFilter(DatabaseAvailability database, TemplateEngine templates) {
		this.database = database;
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!this.database.isAvailable() && !alwaysOpen(path)) {
			unavailable(request, response, path);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!this.database.failed(ex)) {
				throw ex;
			}
			logger.warn("Request {} failed for want of the database: {}", path, ex.toString());
			HttpServletResponse container = unwrap(response);
			if (container.isCommitted()) {
				return;
			}
			container.reset();
			unavailable(request, response, path);
		}
	}

	/**
	 * Health probes (which report the database DOWN), shared assets and the commune's
	 * branding (used by the notice).
	 */
	private static boolean alwaysOpen(String path) {
		return path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/css/")
				|| path.startsWith("/img/") || path.startsWith("/js/") || path.startsWith("/branding/")
				|| path.equals("/favicon.ico");
	}

	/**
	 * Writes the 503 straight to the container's response, whole (with its length), and
	 * sends it: wrappers on the way (Spring Session's saves the session when a response
	 * is sent) would need the database, and an error they raise after this is logged
	 * without turning the answer into a 500.
	 */
	private void unavailable(HttpServletRequest request, HttpServletResponse wrapped, String path) throws IOException {
		HttpServletResponse response = unwrap(wrapped);
		String body;
		if (path.startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			body = API_BODY;
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			Map<String, Object> variables = new HashMap<>();
			Optional<TenantDefinition> tenant = CurrentTenant.of(request);
			variables.put("tenant", tenant.orElse(null));
			WebContext context = new WebContext(application(request).buildExchange(request, response), Locale.FRENCH,
					variables);
			body = this.templates.process("error/database", context);
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.flushBuffer();
	}

	private static HttpServletResponse unwrap(HttpServletResponse response) {
		HttpServletResponse current = response;
		while (current instanceof HttpServletResponseWrapper wrapper
				&& wrapper.getResponse() instanceof HttpServletResponse inner) {
			current = inner;
		}
		return current;
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
