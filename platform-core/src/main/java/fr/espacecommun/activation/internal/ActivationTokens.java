package fr.espacecommun.activation.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Single-use, expiring activation links. A token is 256 random bits (unguessable, so
 * nobody can forge one) and only its SHA-256 is stored: whoever reads the table cannot
 * rebuild a usable link. That is what an HMAC would give, without a key to keep and
 * rotate.
 */
public class ActivationTokens {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecureRandom random = new SecureRandom();

	private final ActivationTokenRepository rows;

	private final TenantTransactions transactions;

	ActivationTokens(ActivationTokenRepository rows, TenantTransactions transactions) {
		this.rows = rows;
		this.transactions = transactions;
	}

	/** Issues a token for the account; the clear token goes into the mail only. */
	public String issue(TenantDefinition tenant, String userId, Purpose purpose, Instant now, Instant expiresAt) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.transactions.execute(tenant,
				() -> this.rows.save(new ActivationToken(hash(token), userId, purpose.name(), now, expiresAt)));
		return token;
	}

	/** What the token is, without using it. */
	public Token inspect(TenantDefinition tenant, String token, Instant now) {
		if (!TOKEN.matcher(token).matches()) {
			return Token.UNKNOWN;
		}
		return this.transactions.read(tenant, () -> this.rows.findById(hash(token)).map((row) -> {
			Status status = (row.getUsedAt() != null) ? Status.USED
					: row.getExpiresAt().isAfter(now) ? Status.VALID : Status.EXPIRED;
			return new Token(status, row.getKeycloakUserId(), Purpose.valueOf(row.getPurpose()));
		}).orElse(Token.UNKNOWN));
	}

	/**
	 * Uses the token, atomically: of two concurrent uses, one wins. Call within the
	 * transaction that activates the account, so a failed activation gives it back.
	 * @return the account, if the token was valid and unused
	 */
	public Optional<String> use(TenantDefinition tenant, String token, Purpose purpose, Instant now) {
		if (!TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		return this.transactions.run(tenant, () -> this.rows.use(hash(token), purpose.name(), now));
	}

	/** Ends every unused token of the account (a new link replaces the old ones). */
	public void revokeAll(TenantDefinition tenant, String userId, Instant now) {
		this.transactions.execute(tenant, () -> this.rows.revokeAll(userId, now));
	}

	static String hash(String token) {
		return DigestUtils.sha256Hex(token);
	}

	/** What a link is for. */
	public enum Purpose {

		/** Confirms a self-registered account (Fresnes, CCPLM). */
		EMAIL_LINK,
		/** Opens the personalisation of an account the commune created (Vélizy). */
		PRE_PROVISIONED

	}

	/** Where a token stands. */
	public enum Status {

		VALID, EXPIRED, USED, UNKNOWN

	}

	/**
	 * A token as found.
	 *
	 * @param status its state
	 * @param userId the account it activates (empty when unknown)
	 * @param purpose what it is for (null when unknown)
	 */
	public record Token(Status status, String userId, @org.jspecify.annotations.Nullable Purpose purpose) {

		static final Token UNKNOWN = new Token(Status.UNKNOWN, "", null);

	}

}
