package fr.espacecommun.web.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Request addresses as logs may show them: without the secrets some carry. An activation
 * link's token (which opens the account to whoever holds it) and any other long opaque
 * path segment become {@code ***}; in a query string, the values of the OAuth parameters
 * ({@code code}, {@code state}, {@code session_state}…) and of any token too.
 */
final class LoggedPaths {

	/** What replaces a secret. */
	static final String MASK = "***";

	/** {@code /activation/<token>}, whatever follows; {@code nouveau-lien} is a page. */
	private static final Pattern ACTIVATION = Pattern.compile("^(/activation/)(?!nouveau-lien(?:[/;?]|$))([^/;?]+)");

	/**
	 * A segment of 32 or more URL-safe characters mixing letters and digits: a token,
	 * whichever page carries it (a UUID, with its dashes, stays readable).
	 */
	private static final Pattern OPAQUE = Pattern
		.compile("(?<=/)(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?:[/;?]|$))"
				+ "(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}(?=[/;?]|$)");

	/** Query parameters whose values are secrets. */
	private static final Set<String> SECRET_PARAMETERS = Set.of("code", "state", "session_state", "token",
			"id_token_hint", "access_token", "refresh_token", "key", "ticket", "_csrf", "password");

	private static final Pattern PARAMETER = Pattern.compile("([^&=]+)=([^&]*)");

	private LoggedPaths() {
	}

	/**
	 * The path (and query, if the address has one) with its secrets masked.
	 * @param uri a request URI ({@code getRequestURI()}), possibly with a query
	 * @return the URI to log; {@code -} for none
	 */
	static String mask(@Nullable String uri) {
		if (uri == null || uri.isEmpty()) {
			return "-";
		}
		int question = uri.indexOf('?');
		String path = (question < 0) ? uri : uri.substring(0, question);
		path = ACTIVATION.matcher(path).replaceFirst("$1" + Matcher.quoteReplacement(MASK));
		path = OPAQUE.matcher(path).replaceAll(Matcher.quoteReplacement(MASK));
		return (question < 0) ? path : path + "?" + maskQuery(uri.substring(question + 1));
	}

	/** A query string with the values of its secret parameters masked. */
	static String maskQuery(String query) {
		Matcher matcher = PARAMETER.matcher(query);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			String lower = name.toLowerCase(Locale.ROOT);
			boolean secret = SECRET_PARAMETERS.contains(lower) || lower.contains("token");
			matcher.appendReplacement(masked, Matcher.quoteReplacement(secret ? name + "=" + MASK : matcher.group(0)));
		}
		matcher.appendTail(masked);
		return masked.toString();
	}

}
