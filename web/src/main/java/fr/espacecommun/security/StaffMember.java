package fr.espacecommun.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is acting on a staff or operator page, as the audit log names them: the realm
 * username.
 */
public final class StaffMember {

	private StaffMember() {
	}

	/** The signed-in person's username in their realm. */
	public static String name(Authentication authentication) {
		if (authentication.getPrincipal() instanceof OidcUser user && user.getPreferredUsername() != null) {
			return user.getPreferredUsername();
		}
		return authentication.getName();
	}

}
