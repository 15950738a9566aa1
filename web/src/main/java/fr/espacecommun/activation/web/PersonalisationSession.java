package fr.espacecommun.activation.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who signed in with a pre-provisioned account's mailed credentials: the link's token,
 * kept in the HTTP session until the account is activated.
 */
final class PersonalisationSession {

	// the name ActivationController gave it: sessions open across a deployment keep it
	private static final String SIGNED_IN = "fr.espacecommun.activation.web.ActivationController.signedIn";

	private PersonalisationSession() {
	}

	/** Signed in for this link, in a session with a new id (against session fixation). */
	static void signIn(HttpServletRequest request, String token) {
		// a session created now has a new id anyway (Spring Session refuses to change the
		// id of a session that does not exist)
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		request.getSession().setAttribute(SIGNED_IN, token);
	}

	static boolean isSignedIn(HttpServletRequest request, String token) {
		HttpSession session = request.getSession(false);
		return session != null && token.equals(session.getAttribute(SIGNED_IN));
	}

	/** The link's work is done: the session no longer signs anyone in for it. */
	static void signOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(SIGNED_IN);
		}
	}

}
