package fr.espacecommun.terms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a citizen has accepted the CGU their commune serves now, and the proofs of who
 * accepted which version. Proofs live in the tenant's {@code acceptance_proof} table, the
 * same rows the wizard and the personalisation write.
 */
public class TermsAcceptances {

	static final String KIND = "cgu";

	private static final Logger logger = LoggerFactory.getLogger(TermsAcceptances.class);

	private final JdbcClient jdbc;

	private final CitizenAccounts accounts;

	private final Clock clock;

	/**
	 * Only "has accepted" answers are kept: a proof is never taken back, so a kept answer
	 * stays true on every instance, and a new version is a new key.
	 */
	private final Cache<AcceptedKey, Boolean> accepted = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofHours(12))
		.build();

	TermsAcceptances(JdbcClient jdbc, CitizenAccounts accounts, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Whether the citizen accepted the commune's current CGU (same version label and same
	 * text), at registration or since; one indexed lookup, then cached.
	 */
	public boolean hasAcceptedCurrent(TenantDefinition tenant, String userId) {
		Terms terms = tenant.terms();
		AcceptedKey key = new AcceptedKey(tenant.id(), userId, terms.version(), terms.sha256());
		if (this.accepted.getIfPresent(key) != null) {
			return true;
		}
		boolean found = this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM " + tenant.schema() + ".acceptance_proof"
					+ " WHERE keycloak_user_id = ? AND kind = ? AND version = ? AND sha256 = ?)")
			.params(userId, KIND, terms.version(), terms.sha256())
			.query(Boolean.class)
			.single();
		if (found) {
			this.accepted.put(key, Boolean.TRUE);
		}
		return found;
	}

	/**
	 * Stores the proof that the citizen accepted the commune's current CGU: Keycloak id,
	 * username, version, SHA-256 of the text, time.
	 * @param tenant the commune as served when the citizen read the text
	 * @return when
	 */
	public Instant acceptCurrent(TenantDefinition tenant, String userId, String username) {
		Terms terms = tenant.terms();
		Instant now = this.clock.instant();
		this.jdbc.sql("INSERT INTO " + tenant.schema() + ".acceptance_proof"
				+ " (id, keycloak_user_id, username, kind, version, sha256, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), userId, username, KIND, terms.version(), terms.sha256(), Timestamp.from(now))
			.update();
		this.accepted.put(new AcceptedKey(tenant.id(), userId, terms.version(), terms.sha256()), Boolean.TRUE);
		logger.info("CGU version {} accepted by account {}", terms.version(), userId);
		return now;
	}

	/** How many acceptances each CGU version has, by version label. */
	public Map<String, Long> countsByVersion(TenantDefinition tenant) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT version, count(*) AS accounts FROM " + tenant.schema()
					+ ".acceptance_proof WHERE kind = ? GROUP BY version")
			.param(KIND)
			.query((row) -> {
				counts.put(row.getString("version"), row.getLong("accounts"));
			});
		return counts;
	}

	/**
	 * Who accepted a CGU version, newest first, one page of them. The username is the one
	 * stored with the proof; proofs written before usernames were stored (the wizard's)
	 * show the account's current username.
	 * @param version the version label
	 * @param page from 0
	 * @param size rows per page
	 */
	public List<Accepted> acceptedBy(TenantDefinition tenant, String version, int page, int size) {
		return this.jdbc
			.sql("SELECT keycloak_user_id, username, sha256, accepted_at FROM " + tenant.schema()
					+ ".acceptance_proof WHERE kind = ? AND version = ? ORDER BY accepted_at DESC, id"
					+ " LIMIT ? OFFSET ?")
			.params(KIND, version, size, (long) page * size)
			.query((row, index) -> new Accepted(row.getString("keycloak_user_id"), row.getString("username"),
					row.getString("sha256"), row.getTimestamp("accepted_at").toInstant()))
			.list()
			.stream()
			.map((proof) -> (proof.username() != null) ? proof
					: new Accepted(proof.userId(), currentUsername(tenant, proof.userId()), proof.sha256(),
							proof.acceptedAt()))
			.toList();
	}

	/** How many acceptances a CGU version has. */
	public long proofCount(TenantDefinition tenant, String version) {
		return this.jdbc
			.sql("SELECT count(*) FROM " + tenant.schema() + ".acceptance_proof WHERE kind = ? AND version = ?")
			.params(KIND, version)
			.query(Long.class)
			.single();
	}

	private @Nullable String currentUsername(TenantDefinition tenant, String userId) {
		try {
			return this.accounts.get(tenant, userId).getUsername();
		}
		catch (RuntimeException ex) {
			// an erased account, or Keycloak out of reach: the page shows the account id
			logger.debug("No username for account {}: {}", userId, ex.toString());
			return null;
		}
	}

	/**
	 * One acceptance of a CGU version.
	 *
	 * @param userId the account's Keycloak id
	 * @param username the username, or {@code null} when no longer known
	 * @param sha256 the SHA-256 of the text accepted
	 * @param acceptedAt when
	 */
	public record Accepted(String userId, @Nullable String username, String sha256, Instant acceptedAt) {
	}

	private record AcceptedKey(String tenantId, String userId, String version, String sha256) {
	}

}
