package fr.espacecommun.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One line per request, written after {@link TenantFilter} so that it carries the tenant,
 * with the status the client got: a request that ended in an exception is logged 500 (the
 * error page is written later, on the error dispatch). The query string is left out (it
 * may hold personal data), and so are the secrets some paths carry: an activation link's
 * token, or any segment long and random enough to be one, is masked.
 */
class RequestLogFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RequestLogFilter.class);

	/** What a generated token looks like: 32 or more base64url characters. */
	private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{32,}");

	/** Paths whose next segment is a secret unless it is one of their own words. */
	private static final List<String> SECRET_AFTER = List.of("activation");

	/** An identifier (a citizen's, a draft's), not a secret: kept for the operators. */
	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/** A path's own word ("nouveau-lien"), never a token. */
	private static final Pattern WORD = Pattern.compile("[a-z]+(-[a-z]+)*");

	static final String MASK = "[masqué]";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = false;
		}
		finally {
			if (logger.isInfoEnabled()) {
				int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
				logger.info("{} {} {} {} ms", request.getMethod(), safePath(request.getRequestURI()), status,
						(System.nanoTime() - start) / 1_000_000);
			}
		}
	}

	/** The path with its secrets masked. */
	static String safePath(String uri) {
		String[] segments = uri.split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			boolean secret = i > 0 && SECRET_AFTER.contains(segments[i - 1]) && !segments[i].isEmpty()
					&& !WORD.matcher(segments[i]).matches();
			boolean tokenLike = TOKEN_LIKE.matcher(segments[i]).matches() && !UUID.matcher(segments[i]).matches();
			if (secret || tokenLike) {
				segments[i] = MASK;
			}
		}
		return String.join("/", segments);
	}

}
