package fr.espacecommun.availability.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.web.UnavailableNotice;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;

import org.springframework.context.MessageSource;
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

	private static final String RETRY_AFTER_SECONDS = "30";

	private static final String BUSY_RETRY_AFTER_SECONDS = "5";

	private final DatabaseAvailability database;

	private final UnavailableNotice notice;

	private final String apiBody;

	private final String busyApiBody;

	DatabaseUnavailableFilter(DatabaseAvailability database, TemplateEngine templates, MessageSource messages) {
		this.database = database;
		this.notice = new UnavailableNotice(templates, messages);
		this.apiBody = this.notice.problem("database.title", "database.api.detail");
		this.busyApiBody = this.notice.problem("database.title", "database.api.busyDetail");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!this.database.isAvailable() && !UnavailableNotice.alwaysOpen(path)) {
			unavailable(request, response, path, false);
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
			// the database answers but every pooled connection stayed busy: a burst,
			// not an incident, and the person can try again in a few seconds
			unavailable(request, response, path, this.database.isAvailable());
		}
	}

	/**
	 * Writes the 503 straight to the container's response, whole (with its length), and
	 * sends it: wrappers on the way (Spring Session's saves the session when a response
	 * is sent) would need the database, and an error they raise after this is logged
	 * without turning the answer into a 500.
	 */
	private void unavailable(HttpServletRequest request, HttpServletResponse wrapped, String path, boolean busy)
			throws IOException {
		Map<String, Object> variables = new HashMap<>();
		variables.put("tenant", CurrentTenant.of(request).orElse(null));
		variables.put("busy", busy);
		this.notice.write(request, unwrap(wrapped), path, busy ? this.busyApiBody : this.apiBody, "error/database",
				variables, busy ? BUSY_RETRY_AFTER_SECONDS : RETRY_AFTER_SECONDS);
	}

	private static HttpServletResponse unwrap(HttpServletResponse response) {
		HttpServletResponse current = response;
		while (current instanceof HttpServletResponseWrapper wrapper
				&& wrapper.getResponse() instanceof HttpServletResponse inner) {
			current = inner;
		}
		return current;
	}

}
