package fr.espacecommun.web.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.web.StatusPage;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits, per minute, the form submissions, sign-ins and address searches of each client
 * address on each commune, and the submissions of each commune as a whole (token buckets,
 * Bucket4j). Past a limit the person gets a French 429 page saying when to try again;
 * what they typed is kept by the wizard's draft. Keycloak's own brute-force protection
 * guards the password check itself.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitFilter.class);

	private final RateLimitProperties limits;

	// keys start with the tenant id (STYLE rule 5); idle buckets go after 10 minutes
	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(200_000)
		.build();

	private final StatusPage page;

	RateLimitFilter(RateLimitProperties limits, StatusPage page) {
		this.limits = limits;
		this.page = page;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.limits.enabled() || kind(request) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Kind kind = kind(request);
		String tenant = CurrentTenant.of(request).map(TenantDefinition::id).orElse("-platform");
		String client = request.getRemoteAddr();
		ConsumptionProbe probe = bucket(tenant + "|" + kind + "|" + client, perClient(kind))
			.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed() && kind == Kind.SUBMISSION) {
			probe = bucket(tenant + "|" + kind, this.limits.submissionsPerTenant()).tryConsumeAndReturnRemaining(1);
		}
		if (!probe.isConsumed()) {
			long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
			logger.warn("Rate limit reached: {} {} ({}), retry in {} s", request.getMethod(),
					LoggedPaths.mask(request.getRequestURI()), kind, seconds);
			response.setHeader("Retry-After", Long.toString(seconds));
			// the page says the same wait as the header
			this.page.write(request, response, 429, "error/429", Map.of("wait", waitInWords(seconds)));
			return;
		}
		chain.doFilter(request, response);
	}

	/** The wait in French words: "2 secondes", "1 minute". */
	static String waitInWords(long seconds) {
		if (seconds < 60) {
			return seconds + ((seconds > 1) ? " secondes" : " seconde");
		}
		long minutes = (seconds + 59) / 60;
		return minutes + ((minutes > 1) ? " minutes" : " minute");
	}

	private Bucket bucket(String key, int perMinute) {
		return this.buckets.get(key, (ignored) -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
			.build());
	}

	private int perClient(Kind kind) {
		return switch (kind) {
			case SUBMISSION -> this.limits.submissionsPerClient();
			case SIGN_IN -> this.limits.signInsPerClient();
			case ADDRESS_SEARCH -> this.limits.addressSearchesPerClient();
		};
	}

	private static @Nullable Kind kind(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if ("POST".equals(request.getMethod()) && (path.startsWith("/inscription") || path.startsWith("/activation")
				|| path.startsWith("/mon-espace"))) {
			return Kind.SUBMISSION;
		}
		if (path.equals("/connexion") || path.startsWith("/oauth2/authorization/")
				|| path.startsWith("/login/oauth2/code/")) {
			return Kind.SIGN_IN;
		}
		if (path.equals("/adresse/recherche")) {
			return Kind.ADDRESS_SEARCH;
		}
		return null;
	}

	enum Kind {

		SUBMISSION, SIGN_IN, ADDRESS_SEARCH

	}

}
