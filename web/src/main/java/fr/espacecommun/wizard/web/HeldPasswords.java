package fr.espacecommun.wizard.web;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The password a citizen typed on a credentials page that is not the wizard's last,
 * waiting for the final VALIDER: in this instance's memory only, for 30 minutes at most,
 * keyed by HTTP session and draft. Never in the HTTP session, which Spring Session writes
 * to the database; never in the draft. Another instance (or this one after a restart)
 * does not have it, and the final page then asks for the password again.
 */
@Component
class HeldPasswords {

	static final Duration TIME_TO_LIVE = Duration.ofMinutes(30);

	private final Cache<String, String> passwords = Caffeine.newBuilder()
		.expireAfterWrite(TIME_TO_LIVE)
		.maximumSize(100_000)
		.build();

	void hold(String sessionId, UUID draftId, String password) {
		this.passwords.put(key(sessionId, draftId), password);
	}

	@Nullable String find(String sessionId, UUID draftId) {
		return this.passwords.getIfPresent(key(sessionId, draftId));
	}

	void forget(String sessionId, UUID draftId) {
		this.passwords.invalidate(key(sessionId, draftId));
	}

	private static String key(String sessionId, UUID draftId) {
		return sessionId + "/" + draftId;
	}

}
