package fr.espacecommun.registration;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.espacecommun.registration.internal.AcceptanceProof;
import fr.espacecommun.registration.internal.AcceptanceProofRepository;
import fr.espacecommun.registration.internal.RegistrationMapper;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;
import org.mapstruct.factory.Mappers;

import org.springframework.data.domain.PageRequest;

/**
 * The tenant's proofs of who accepted which text, for the CGU pages: the same rows the
 * wizard and the personalisation write through {@link CitizenRecords}.
 */
public class AcceptanceProofs {

	private static final RegistrationMapper mapper = Mappers.getMapper(RegistrationMapper.class);

	private final AcceptanceProofRepository proofs;

	private final TenantTransactions transactions;

	public AcceptanceProofs(AcceptanceProofRepository proofs, TenantTransactions transactions) {
		this.proofs = proofs;
		this.transactions = transactions;
	}

	/** Whether the account accepted this text (kind, version label and SHA-256). */
	public boolean hasAccepted(TenantDefinition tenant, String userId, String kind, String version, String sha256) {
		return this.transactions.read(tenant,
				() -> this.proofs.existsByKeycloakUserIdAndKindAndVersionAndSha256(userId, kind, version, sha256));
	}

	/** Stores a proof with the username the account had when accepting. */
	public void save(TenantDefinition tenant, String userId, String username, String kind, String version,
			String sha256, Instant acceptedAt) {
		this.transactions.execute(tenant,
				() -> this.proofs.save(new AcceptanceProof(userId, username, kind, version, sha256, acceptedAt)));
	}

	/** How many acceptances each version of a kind has, by version label. */
	public Map<String, Long> countsByVersion(TenantDefinition tenant, String kind) {
		return this.transactions.read(tenant, () -> {
			Map<String, Long> counts = new LinkedHashMap<>();
			this.proofs.countByVersion(kind).forEach((row) -> counts.put((String) row[0], (Long) row[1]));
			return counts;
		});
	}

	/** One page of a version's acceptances, newest first. */
	public List<Proof> page(TenantDefinition tenant, String kind, String version, int page, int size) {
		return this.transactions.read(tenant,
				() -> this.proofs.findPage(kind, version, PageRequest.of(page, size))
					.stream()
					.map(mapper::proof)
					.toList());
	}

	/** How many acceptances a version has. */
	public long count(TenantDefinition tenant, String kind, String version) {
		return this.transactions.read(tenant, () -> this.proofs.countByKindAndVersion(kind, version));
	}

	/**
	 * One acceptance.
	 *
	 * @param userId the account's Keycloak id, {@code null} once the citizen was erased
	 * @param username the username stored with the proof, if any
	 * @param sha256 the SHA-256 of the text accepted
	 * @param acceptedAt when
	 */
	public record Proof(@Nullable String userId, @Nullable String username, String sha256, Instant acceptedAt) {
	}

}
