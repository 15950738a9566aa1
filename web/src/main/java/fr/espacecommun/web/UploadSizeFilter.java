package fr.espacecommun.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	UploadSizeFilter(long maxMultipartBytes, long maxFormBytes) {
		this.maxMultipartBytes = maxMultipartBytes;
		this.maxFormBytes = maxFormBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = (request.getContentType() != null) ? request.getContentType().toLowerCase(Locale.ROOT) : "";
		long length = request.getContentLengthLong();
		if ((type.startsWith("multipart/") && length > this.maxMultipartBytes)
				|| (type.startsWith("application/x-www-form-urlencoded") && length > this.maxFormBytes)) {
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return;
		}
		chain.doFilter(request, response);
	}

}
