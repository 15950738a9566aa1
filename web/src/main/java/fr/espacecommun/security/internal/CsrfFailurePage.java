package fr.espacecommun.security.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import fr.espacecommun.web.StatusPage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A form refused for its CSRF token (missing, expired with its cookie, tampered) gets a
 * 403 page saying so, with a link that reloads the form's page; any other refusal the
 * plain 403 page.
 */
final class CsrfFailurePage implements AccessDeniedHandler {

	private final AccessDeniedHandler others = new AccessDeniedHandlerImpl();

	private final StatusPage page;

	CsrfFailurePage(StatusPage page) {
		this.page = page;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException, ServletException {
		if (!(accessDeniedException instanceof CsrfException) || response.isCommitted()) {
			this.others.handle(request, response, accessDeniedException);
			return;
		}
		this.page.write(request, response, HttpServletResponse.SC_FORBIDDEN, "error/csrf",
				Map.of("reload", reload(request)));
	}

	/**
	 * The page the form came from, when the browser said so and it is on this host;
	 * otherwise the form's own address.
	 */
	static String reload(HttpServletRequest request) {
		String referer = request.getHeader("Referer");
		if (referer != null) {
			try {
				URI from = URI.create(referer);
				if (request.getServerName().equalsIgnoreCase(from.getHost()) && from.getRawPath() != null
						&& from.getRawPath().startsWith("/")) {
					return from.getRawPath() + ((from.getRawQuery() != null) ? "?" + from.getRawQuery() : "");
				}
			}
			catch (IllegalArgumentException ex) {
				// not an address: the form's own
			}
		}
		return request.getRequestURI();
	}

}
