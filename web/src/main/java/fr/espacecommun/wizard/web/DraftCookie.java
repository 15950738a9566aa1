package fr.espacecommun.wizard.web;

import java.util.UUID;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The cookie that names the browser's wizard draft: HttpOnly, SameSite=Lax, no Domain (so
 * only the commune's own host gets it back), Secure over HTTPS; a session cookie, as the
 * draft itself expires in the database.
 */
final class DraftCookie {

	static final String NAME = "espace_inscription";

	private DraftCookie() {
	}

	/** The draft the browser names, or null (none, or not a draft id). */
	static @Nullable UUID read(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (NAME.equals(cookie.getName())) {
				try {
					return UUID.fromString(cookie.getValue());
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
		return null;
	}

	static void write(HttpServletRequest request, HttpServletResponse response, UUID draftId) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, draftId.toString()).build().toString());
	}

	/** Forgets the draft: the next visit starts anew. */
	static void clear(HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "").maxAge(0).build().toString());
	}

	private static ResponseCookie.ResponseCookieBuilder cookie(HttpServletRequest request, String value) {
		return ResponseCookie.from(NAME, value)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.path("/inscription");
	}

}
