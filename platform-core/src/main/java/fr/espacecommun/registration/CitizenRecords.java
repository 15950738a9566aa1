package fr.espacecommun.registration;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.ActivationState;
import fr.espacecommun.registration.internal.AcceptanceProof;
import fr.espacecommun.registration.internal.AcceptanceProofRepository;
import fr.espacecommun.registration.internal.CitizenProfile;
import fr.espacecommun.registration.internal.CitizenProfileRepository;
import fr.espacecommun.registration.internal.RegistrationExportMapper;
import fr.espacecommun.registration.internal.RegistrationMapper;
import fr.espacecommun.registration.internal.RegistrationRowRepository;
import fr.espacecommun.registration.internal.ServiceKeyLinkRepository;
import fr.espacecommun.tenancy.TenantTransactions;
import fr.espacecommun.tenant.TenantDefinition;
import org.mapstruct.factory.Mappers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the platform keeps about a citizen in the tenant's schema: the profile, the
 * acceptance proofs and the service keys. Each call runs in a transaction of the tenant's
 * (joining the caller's), so the schema is the tenant's whatever the thread's.
 */
public class CitizenRecords {

	private static final RegistrationMapper mapper = Mappers.getMapper(RegistrationMapper.class);

	private static final RegistrationExportMapper rows = Mappers.getMapper(RegistrationExportMapper.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final CitizenProfileRepository profiles;

	private final AcceptanceProofRepository proofs;

	private final ServiceKeyLinkRepository links;

	private final RegistrationRowRepository registrations;

	private final TenantTransactions transactions;

	public CitizenRecords(CitizenProfileRepository profiles, AcceptanceProofRepository proofs,
			ServiceKeyLinkRepository links, RegistrationRowRepository registrations, TenantTransactions transactions) {
		this.profiles = profiles;
		this.proofs = proofs;
		this.links = links;
		this.registrations = registrations;
		this.transactions = transactions;
	}

	/**
	 * Creates or replaces the citizen's profile from the wizard's fields; identity
	 * (names, e-mail) lives in Keycloak and is not copied here.
	 */
	public void saveProfile(TenantDefinition tenant, String userId, String accountType, Map<String, String> fields,
			Instant now) {
		this.transactions.execute(tenant, () -> {
			Optional<CitizenProfile> stored = this.profiles.findByKeycloakUserId(userId);
			this.profiles.save(new CitizenProfile(stored.map(CitizenProfile::getId).orElseGet(UUID::randomUUID), userId,
					accountType, mapper.profile(fields), stored.map(CitizenProfile::getCreatedAt).orElse(now), now));
		});
	}

	/**
	 * Replaces the citizen's phone numbers and preferred contact method, as edited in Mon
	 * espace (blank values clear them).
	 */
	public void updateContact(TenantDefinition tenant, String userId, Map<String, String> contact, Instant now) {
		this.transactions.execute(tenant,
				() -> this.profiles.updateContact(userId, mapper.text(contact.get("phone")),
						mapper.text(contact.get("mobile")), mapper.text(contact.get("fax")),
						mapper.text(contact.get("preferredContact")), now));
	}

	/** The stored profile, by column name (as the export names them). */
	public Optional<Map<String, Object>> profile(TenantDefinition tenant, String userId) {
		return this.transactions.read(tenant, () -> this.profiles.findByKeycloakUserId(userId)
			.map((profile) -> json.convertValue(rows.profile(profile), new TypeReference<Map<String, Object>>() {
			})));
	}

	/** Stores an acceptance as proof. */
	public void saveAcceptance(TenantDefinition tenant, String userId, Acceptance acceptance) {
		this.transactions.execute(tenant, () -> this.proofs.save(new AcceptanceProof(userId, null, acceptance.kind(),
				acceptance.version(), acceptance.sha256(), acceptance.acceptedAt())));
	}

	/** The citizen's acceptances, oldest first. */
	public List<Acceptance> acceptances(TenantDefinition tenant, String userId) {
		return this.transactions.read(tenant,
				() -> this.proofs.findByKeycloakUserIdOrderByAcceptedAt(userId)
					.stream()
					.map(mapper::acceptance)
					.toList());
	}

	/**
	 * Links the citizen's service keys (replacing a previous key of the same service); a
	 * key the tenant's registry knows is marked verified. Blank keys unlink.
	 */
	public void linkServiceKeys(TenantDefinition tenant, String userId, Map<String, String> keys, Instant now) {
		this.transactions.execute(tenant, () -> keys.forEach((serviceId, rawValue) -> {
			String value = mapper.text(rawValue);
			if (value == null) {
				this.links.unlink(userId, serviceId);
			}
			else {
				this.links.link(UUID.randomUUID(), userId, serviceId, value, now);
			}
		}));
	}

	/** The citizen's service keys by service id. */
	public Map<String, LinkedKey> serviceKeys(TenantDefinition tenant, String userId) {
		return this.transactions.read(tenant, () -> {
			Map<String, LinkedKey> keys = new LinkedHashMap<>();
			this.links.findByKeycloakUserIdOrderByServiceId(userId)
				.forEach((link) -> keys.put(link.getServiceId(), mapper.linkedKey(link)));
			return keys;
		});
	}

	/** Records that the citizen's submitted registration is now active. */
	public void markRegistrationActive(TenantDefinition tenant, String userId, Instant now) {
		this.transactions.execute(tenant,
				() -> this.registrations.changeState(userId, ActivationState.ACTIVE.name(), now));
	}

	/** Whether the account's registration waits for its e-mail link. */
	public boolean hasPendingEmailLink(TenantDefinition tenant, String userId) {
		return this.transactions.read(tenant, () -> this.registrations.existsByKeycloakUserIdAndState(userId,
				ActivationState.AWAITING_EMAIL_CONFIRMATION.name()));
	}

	/**
	 * A service key linked to an account.
	 *
	 * @param serviceId the tenant's service ({@code enfance})
	 * @param value the key
	 * @param verified whether the tenant's registry knows the key
	 */
	public record LinkedKey(String serviceId, String value, boolean verified) {
	}

}
