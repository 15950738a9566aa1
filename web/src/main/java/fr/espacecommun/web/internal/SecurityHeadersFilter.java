package fr.espacecommun.web.internal;

import java.io.IOException;

import fr.espacecommun.web.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request. It sets the security headers before anything can
 * answer, so that the answers given ahead of Spring Security's filter chain (unknown
 * host, 413, 429, 503) carry them as its pages do; an error page rendered later keeps
 * them (Tomcat clears the body of a response in error, not its headers).
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	private final boolean hstsAlways;

	SecurityHeadersFilter(boolean hstsAlways) {
		this.hstsAlways = hstsAlways;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecurityHeaders.write(response, this.hstsAlways || request.isSecure());
		chain.doFilter(request, response);
	}

}
