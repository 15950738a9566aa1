package fr.espacecommun.security.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers on every answer, first of all filters: the pages some filters
 * answer before Spring Security runs (unknown host, too large, too many requests, commune
 * closed or opening, database down) carry them as every other page does. Spring
 * Security's own writer sets the same values on the pages it sees.
 */
class BaselineHeadersFilter extends OncePerRequestFilter {

	private final boolean hstsAlways;

	BaselineHeadersFilter(boolean hstsAlways) {
		this.hstsAlways = hstsAlways;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		if (this.hstsAlways || request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
		chain.doFilter(request, response);
	}

}
