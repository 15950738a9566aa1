package fr.espacecommun.address.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.espacecommun.address.AddressSearch;
import fr.espacecommun.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AddressSearch} over the Base Adresse Nationale's search API
 * ({@code GET /search?q=…&limit=…&autocomplete=1}, answering a GeoCodeJSON
 * FeatureCollection). Answers are cached; a slow, failing or unreachable service gives no
 * suggestion rather than an error, since the citizen can always type the address.
 */
class BanAddressSearch implements AddressSearch {

	private static final Logger logger = LoggerFactory.getLogger(BanAddressSearch.class);

	/** The API refuses shorter queries. */
	static final int MIN_QUERY_LENGTH = 3;

	/** The API refuses longer queries. */
	static final int MAX_QUERY_LENGTH = 200;

	/** The API caps its answers at 20 features. */
	static final int MAX_LIMIT = 20;

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/** The API wants a query that starts with a letter or a digit. */
	private static final Pattern LEADING_NOISE = Pattern.compile("^[^\\p{L}\\p{N}]+");

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final AddressProperties properties;

	private final HttpClient client;

	private final Cache<SearchKey, List<AddressSuggestion>> cache;

	BanAddressSearch(AddressProperties properties) {
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		this.cache = Caffeine.newBuilder()
			.expireAfterWrite(properties.cacheTtl())
			.maximumSize(properties.cacheMaximumSize())
			.build();
	}

	@Override
	public List<AddressSuggestion> search(String query, int limit) {
		String normalised = normalise(query);
		if (normalised.length() < MIN_QUERY_LENGTH || limit < 1) {
			return List.of();
		}
		int effectiveLimit = Math.min(limit, MAX_LIMIT);
		// the tenant is part of the key (STYLE rule 5), so no commune can tell from
		// timing
		// what was searched on another's portal
		SearchKey key = new SearchKey(TenantContext.getTenantId().orElse("-"), normalised.toLowerCase(Locale.ROOT),
				effectiveLimit);
		List<AddressSuggestion> cached = this.cache.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		List<AddressSuggestion> answer = ask(normalised, effectiveLimit);
		if (answer == null) {
			return List.of();
		}
		this.cache.put(key, answer);
		return answer;
	}

	/**
	 * Trimmed, single-spaced, starting with a letter or digit, at most 200 characters.
	 */
	static String normalise(String query) {
		if (query == null) {
			return "";
		}
		String text = LEADING_NOISE.matcher(WHITESPACE.matcher(query).replaceAll(" ").strip()).replaceFirst("");
		return (text.length() > MAX_QUERY_LENGTH) ? text.substring(0, MAX_QUERY_LENGTH).strip() : text;
	}

	/**
	 * The service's suggestions, or {@code null} when it could not answer. Never logs the
	 * query: what a citizen types here is their address.
	 */
	private List<AddressSuggestion> ask(String query, int limit) {
		HttpRequest request = HttpRequest.newBuilder(searchUri(query, limit))
			.timeout(this.properties.readTimeout())
			.header("Accept", "application/json")
			.GET()
			.build();
		CompletableFuture<HttpResponse<byte[]>> exchange = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.ofByteArray());
		HttpResponse<byte[]> response;
		try {
			// one deadline for connecting, waiting and reading the body together
			long deadline = this.properties.connectTimeout().plus(this.properties.readTimeout()).toMillis();
			response = exchange.get(deadline, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			return unavailable("no answer within " + this.properties.readTimeout().toMillis() + " ms", null);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			return unavailable("interrupted", null);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof HttpTimeoutException) {
				return unavailable("no answer in time", ex.getCause());
			}
			return unavailable("unreachable", ex.getCause());
		}
		if (response.statusCode() != 200) {
			return unavailable("HTTP " + response.statusCode(), null);
		}
		try {
			List<AddressSuggestion> suggestions = suggestions(json.readValue(response.body(), BanAnswer.class));
			return (suggestions.size() > limit) ? suggestions.subList(0, limit) : suggestions;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return unavailable("unreadable answer", ex);
		}
	}

	private URI searchUri(String query, int limit) {
		String base = this.properties.baseUrl().toString().replaceAll("/+$", "");
		return URI.create(base + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&limit=" + limit
				+ "&autocomplete=1");
	}

	private List<AddressSuggestion> unavailable(String reason, Throwable cause) {
		// the cause's class only: its message may carry the request URI, hence the query
		logger.warn("Address search at {} unavailable ({}{}); answering with no suggestion", this.properties.baseUrl(),
				reason, (cause != null) ? ": " + cause.getClass().getName() : "");
		return null;
	}

	private static List<AddressSuggestion> suggestions(BanAnswer answer) {
		if (answer == null || !"FeatureCollection".equals(answer.type()) || answer.features() == null) {
			throw new IllegalArgumentException("not a GeoJSON FeatureCollection");
		}
		List<AddressSuggestion> suggestions = new ArrayList<>();
		for (Feature feature : answer.features()) {
			Properties properties = (feature != null) ? feature.properties() : null;
			if (properties != null && properties.label() != null && !properties.label().isBlank()) {
				suggestions.add(properties.toSuggestion());
			}
		}
		return List.copyOf(suggestions);
	}

	private record SearchKey(String tenantId, String query, int limit) {
	}

	/** The part of the API's GeoCodeJSON answer the platform reads. */
	record BanAnswer(String type, List<Feature> features) {
	}

	record Feature(Properties properties) {
	}

	/**
	 * A feature's properties. {@code name} is the number and street for a house number,
	 * the street for a street, the place for a locality, the commune for a municipality;
	 * {@code street} exists for house numbers only in recent versions of the API.
	 */
	record Properties(String label, String type, String housenumber, String street, String name, String postcode,
			String city, String citycode) {

		AddressSuggestion toSuggestion() {
			return new AddressSuggestion(this.label.strip(), orEmpty(this.housenumber), streetName(),
					orEmpty(this.postcode), orEmpty(this.city), orEmpty(this.citycode));
		}

		private String streetName() {
			if (this.street != null && !this.street.isBlank()) {
				return this.street.strip();
			}
			if (this.name == null || "municipality".equals(this.type)) {
				return "";
			}
			String number = orEmpty(this.housenumber);
			if (!number.isEmpty() && this.name.startsWith(number + " ")) {
				return this.name.substring(number.length() + 1).strip();
			}
			return this.name.strip();
		}

		private static String orEmpty(String value) {
			return (value != null) ? value.strip() : "";
		}

	}

}
