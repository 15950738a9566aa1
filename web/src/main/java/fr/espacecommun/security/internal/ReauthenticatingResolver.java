package fr.espacecommun.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Passes {@code prompt=login} on to the realm when asked, so that the citizen types their
 * password again before a sensitive change (the ID token's {@code auth_time} then says
 * so). A sign-in address naming a registration this host does not have (another
 * commune's, the operators' on a commune's host) starts nothing, so the request goes on
 * to the 404 page; Spring Security's resolver threw, and the visitor got a 500.
 */
class ReauthenticatingResolver implements OAuth2AuthorizationRequestResolver {

	private static final String BASE = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
			+ "/";

	private final OAuth2AuthorizationRequestResolver delegate;

	private final ClientRegistrationRepository registrations;

	ReauthenticatingResolver(OAuth2AuthorizationRequestResolver delegate, ClientRegistrationRepository registrations) {
		this.delegate = delegate;
		this.registrations = registrations;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith(BASE)) {
			String registrationId = path.substring(BASE.length()).split("[/;]", 2)[0];
			if (registrationId.isEmpty() || this.registrations.findByRegistrationId(registrationId) == null) {
				return null;
			}
		}
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
