package fr.espacecommun.security.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Passes {@code prompt=login} on to the realm when asked, so that the citizen types their
 * password again before a sensitive change (the ID token's {@code auth_time} then says
 * so).
 */
class ReauthenticatingResolver implements OAuth2AuthorizationRequestResolver {

	private final OAuth2AuthorizationRequestResolver delegate;

	ReauthenticatingResolver(OAuth2AuthorizationRequestResolver delegate) {
		this.delegate = delegate;
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return withPrompt(request, this.delegate.resolve(request));
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return withPrompt(request, this.delegate.resolve(request, clientRegistrationId));
	}

	private static OAuth2AuthorizationRequest withPrompt(HttpServletRequest request,
			OAuth2AuthorizationRequest authorization) {
		if (authorization == null || !"login".equals(request.getParameter("prompt"))) {
			return authorization;
		}
		return OAuth2AuthorizationRequest.from(authorization)
			.additionalParameters((parameters) -> parameters.put("prompt", "login"))
			.build();
	}

}
