package fr.espacecommun.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every answer, pages and refusals alike. Spring Security writes
 * them on what reaches its filter chain; the answers given before it (unknown host, 413,
 * 429, 503, Tomcat's own 400) get the same ones from here.
 */
public final class SecurityHeaders {

	/**
	 * Scripts, styles and images from the platform only, never inline: an injected
	 * {@code <script>} or {@code onerror=} would not run even if it reached a page. No
	 * framing (clickjacking).
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

	/** HSTS: a year, subdomains included (every commune is a subdomain). */
	public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000 ; includeSubDomains";

	private SecurityHeaders() {
	}

	/**
	 * Sets the headers on a response, replacing any value already there.
	 * @param response the response, not yet committed
	 * @param hsts whether to send {@code Strict-Transport-Security} (over HTTPS, or
	 * always when {@code espace.security.hsts} says so)
	 */
	public static void write(HttpServletResponse response, boolean hsts) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		if (hsts) {
			response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
		}
	}

}
