package fr.espacecommun.terms.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.terms.internal.TermsAcceptances;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sends a signed-in citizen who has not accepted the commune's CGU in force to
 * {@code /mon-espace/cgu} before any other Mon espace page, remembering the page asked
 * for. The check is one cached lookup per tenant, account and version.
 */
class TermsAcceptanceInterceptor implements HandlerInterceptor {

	static final String PAGE = "/mon-espace/cgu";

	private static final String HOME = "/mon-espace";

	/**
	 * A page of Mon espace, and nothing else: no other host, no scheme, no backslash, no
	 * template braces.
	 */
	private static final Pattern CONTINUATION = Pattern.compile("/mon-espace(?:[/?][A-Za-z0-9\\-._~/?=&%+,;:@]*)?");

	private final TermsAcceptances acceptances;

	TermsAcceptanceInterceptor(TermsAcceptances acceptances) {
		this.acceptances = acceptances;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Optional<TenantDefinition> tenant = CurrentTenant.of(request);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (tenant.isEmpty() || authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)
				|| tenant.get().terms().sha256().isEmpty()
				|| this.acceptances.hasAcceptedCurrent(tenant.get(), user.getSubject())) {
			return true;
		}
		// a form posted under the old version is not replayed: back to the space's home
		String asked = request.getMethod().equals("GET") ? pathAndQuery(request) : HOME;
		response.sendRedirect(request.getContextPath() + PAGE + "?suite="
				+ URLEncoder.encode(safeContinuation(asked), StandardCharsets.UTF_8));
		return false;
	}

	/** The page to go on to after accepting: the one asked for if it is Mon espace's. */
	static String safeContinuation(String asked) {
		if (!CONTINUATION.matcher(asked).matches() || asked.startsWith(PAGE)) {
			return HOME;
		}
		return asked;
	}

	private static String pathAndQuery(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return (request.getQueryString() != null) ? path + "?" + request.getQueryString() : path;
	}

}
