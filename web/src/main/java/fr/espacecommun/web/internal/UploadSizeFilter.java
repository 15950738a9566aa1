package fr.espacecommun.web.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request announcing more than the container accepts (a multipart upload over
 * its limit, a form over Tomcat's form size) with the French 413 page. Left to the
 * container, such a request loses all its fields, CSRF token included, and would get a
 * misleading 403.
 */
class UploadSizeFilter extends OncePerRequestFilter {

	private final long maxMultipartBytes;

	private final long maxFormBytes;

	private final TemplateEngine templates;

	private volatile @Nullable JakartaServletWebApplication application;

	UploadSizeFilter(long maxMultipartBytes, long maxFormBytes, TemplateEngine templates) {
		this.maxMultipartBytes = maxMultipartBytes;
		this.maxFormBytes = maxFormBytes;
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = (request.getContentType() != null) ? request.getContentType().toLowerCase(Locale.ROOT) : "";
		long length = request.getContentLengthLong();
		if ((type.startsWith("multipart/") && length > this.maxMultipartBytes)
				|| (type.startsWith("application/x-www-form-urlencoded") && length > this.maxFormBytes)) {
			// rendered here: an error dispatch would parse the multipart body again and
			// fail
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			response.setCharacterEncoding("UTF-8");
			response.setContentType("text/html");
			Map<String, Object> variables = new HashMap<>();
			CurrentTenant.of(request).ifPresent((tenant) -> variables.put("tenant", tenant));
			WebContext context = new WebContext(application(request).buildExchange(request, response), Locale.FRENCH,
					variables);
			this.templates.process("error/413", context, response.getWriter());
			return;
		}
		chain.doFilter(request, response);
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
