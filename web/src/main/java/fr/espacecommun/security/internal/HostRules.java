package fr.espacecommun.security.internal;

import fr.espacecommun.web.CurrentTenant;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which host a request came to, as authorisation rules: a commune's pages and API exist
 * on that commune's host only, the operators' on the platform host only.
 */
final class HostRules {

	/** The request came to a commune's host. */
	static final RequestMatcher TENANT_HOST = (request) -> CurrentTenant.of(request).isPresent();

	/** The request came to the platform host. */
	static final RequestMatcher PLATFORM_HOST = CurrentTenant::isPlatform;

	private HostRules() {
	}

	/** Grants the request when it came to such a host, whoever asks. */
	static AuthorizationManager<RequestAuthorizationContext> on(RequestMatcher host) {
		return (authentication, context) -> new AuthorizationDecision(host.matches(context.getRequest()));
	}

}
