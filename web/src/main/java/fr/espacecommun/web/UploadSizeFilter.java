package fr.espacecommun.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a multipart request announcing more than the container accepts with the French
 * 413 page. Left to the container, such a request loses all its fields, CSRF token
 * included, and would get a misleading 403.
 */
class UploadSizeFilter extends OncePerRequestFilter {

	private final long maxRequestBytes;

	UploadSizeFilter(long maxRequestBytes) {
		this.maxRequestBytes = maxRequestBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")
				&& request.getContentLengthLong() > this.maxRequestBytes) {
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return;
		}
		chain.doFilter(request, response);
	}

}
