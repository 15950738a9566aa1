package fr.espacecommun.terms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.espacecommun.registration.AcceptanceProofs;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a citizen has accepted the CGU their commune serves now, and the proofs of who
 * accepted which version. Proofs live in the tenant's {@code acceptance_proof} table, the
 * same rows the wizard and the personalisation write.
 */
public class TermsAcceptances {

	static final String KIND = "cgu";

	private static final Logger logger = LoggerFactory.getLogger(TermsAcceptances.class);

	private final AcceptanceProofs proofs;

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

	TermsAcceptances(AcceptanceProofs proofs, CitizenAccounts accounts, Clock clock) {
		this.proofs = proofs;
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
		boolean found = this.proofs.hasAccepted(tenant, userId, KIND, terms.version(), terms.sha256());
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
		this.proofs.save(tenant, userId, username, KIND, terms.version(), terms.sha256(), now);
		this.accepted.put(new AcceptedKey(tenant.id(), userId, terms.version(), terms.sha256()), Boolean.TRUE);
		logger.info("CGU version {} accepted by account {}", terms.version(), userId);
		return now;
	}

	/** How many acceptances each CGU version has, by version label. */
	public Map<String, Long> countsByVersion(TenantDefinition tenant) {
		return this.proofs.countsByVersion(tenant, KIND);
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
		return this.proofs.page(tenant, KIND, version, page, size)
			.stream()
			.map((proof) -> new Accepted(proof.userId(),
					(proof.username() != null || proof.userId() == null) ? proof.username()
							: currentUsername(tenant, proof.userId()),
					proof.sha256(), proof.acceptedAt()))
			.toList();
	}

	/** How many acceptances a CGU version has. */
	public long proofCount(TenantDefinition tenant, String version) {
		return this.proofs.count(tenant, KIND, version);
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
	public record Accepted(@Nullable String userId, @Nullable String username, String sha256, Instant acceptedAt) {
	}

	private record AcceptedKey(String tenantId, String userId, String version, String sha256) {
	}

}
