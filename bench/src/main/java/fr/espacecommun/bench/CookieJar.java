package fr.espacecommun.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One person's cookies, kept by name whatever their path, domain or {@code Secure} flag:
 * the JDK's cookie manager would not send Keycloak's {@code Secure} cookies back over
 * plain HTTP. A cookie set empty or with {@code Max-Age=0} is dropped.
 */
final class CookieJar {

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/** Adds the Cookie header, if any cookie is kept. */
	void addTo(HttpRequest.Builder request) {
		if (!this.cookies.isEmpty()) {
			request.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((e) -> e.getKey() + "=" + e.getValue())
						.collect(Collectors.joining("; ")));
		}
	}

	/** Keeps or drops the cookies the response sets. */
	void takeFrom(HttpResponse<?> response) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int equals = pair.indexOf('=');
			String name = pair.substring(0, equals).strip();
			String value = pair.substring(equals + 1).strip();
			if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
	}

}
