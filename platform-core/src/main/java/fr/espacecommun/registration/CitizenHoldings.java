package fr.espacecommun.registration;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.registration.internal.AcceptanceProofRepository;
import fr.espacecommun.registration.internal.CitizenProfileRepository;
import fr.espacecommun.registration.internal.RegistrationExportMapper;
import fr.espacecommun.registration.internal.RegistrationExports;
import fr.espacecommun.registration.internal.RegistrationRow;
import fr.espacecommun.registration.internal.RegistrationRowRepository;
import fr.espacecommun.registration.internal.ServiceKeyEntryRepository;
import fr.espacecommun.registration.internal.ServiceKeyLinkRepository;
import org.jspecify.annotations.Nullable;
import org.mapstruct.factory.Mappers;

/**
 * A citizen's rows of the tables registration keeps, for the citizen's data rights: read
 * for the export, deleted or anonymised for the erasure. Runs in the caller's
 * transaction, opened for the tenant.
 */
public class CitizenHoldings {

	private static final RegistrationExportMapper mapper = Mappers.getMapper(RegistrationExportMapper.class);

	private final CitizenProfileRepository profiles;

	private final AcceptanceProofRepository proofs;

	private final ServiceKeyLinkRepository links;

	private final ServiceKeyEntryRepository keys;

	private final RegistrationRowRepository registrations;

	public CitizenHoldings(CitizenProfileRepository profiles, AcceptanceProofRepository proofs,
			ServiceKeyLinkRepository links, ServiceKeyEntryRepository keys, RegistrationRowRepository registrations) {
		this.profiles = profiles;
		this.proofs = proofs;
		this.links = links;
		this.keys = keys;
		this.registrations = registrations;
	}

	/** What the platform records about these accounts, by Keycloak id. */
	public Map<String, Summary> summaries(Collection<String> userIds) {
		Map<String, Summary> summaries = new LinkedHashMap<>();
		if (userIds.isEmpty()) {
			return summaries;
		}
		List<String> withProfile = this.profiles.findUsersAmong(userIds);
		Map<String, String> states = new LinkedHashMap<>();
		this.registrations.findByKeycloakUserIdIn(userIds)
			.forEach((row) -> states.put(row.getKeycloakUserId(), row.getState()));
		userIds.forEach((id) -> summaries.put(id, new Summary(states.get(id), withProfile.contains(id))));
		return summaries;
	}

	/** The ids of the citizen's registrations (their wizard drafts' ids too). */
	public List<UUID> registrationIds(String userId) {
		return this.registrations.findByKeycloakUserIdOrderByCreatedAt(userId)
			.stream()
			.map(RegistrationRow::getRegistrationId)
			.toList();
	}

	/** The citizen's profile (at most one). */
	public List<RegistrationExports.Profile> profile(String userId) {
		return this.profiles.findByKeycloakUserId(userId).map(mapper::profile).stream().toList();
	}

	/** The citizen's service keys, by service. */
	public List<RegistrationExports.ServiceKeyLink> serviceKeys(String userId) {
		return this.links.findByKeycloakUserIdOrderByServiceId(userId).stream().map(mapper::link).toList();
	}

	/** The registry's record of the keys the citizen linked (the back office's). */
	public List<RegistrationExports.RegistryKey> registryKeys(String userId) {
		return this.keys.findLinkedBy(userId).stream().map(mapper::registryKey).toList();
	}

	/** The citizen's acceptance proofs, oldest first. */
	public List<RegistrationExports.Acceptance> acceptances(String userId) {
		return this.proofs.findByKeycloakUserIdOrderByAcceptedAt(userId).stream().map(mapper::acceptance).toList();
	}

	/** The citizen's registrations, oldest first. */
	public List<RegistrationExports.Registration> registrations(String userId) {
		return this.registrations.findByKeycloakUserIdOrderByCreatedAt(userId)
			.stream()
			.map(mapper::registration)
			.toList();
	}

	/** Deletes the citizen's profile; returns how many rows went. */
	public int deleteProfile(String userId) {
		return this.profiles.deleteByUser(userId);
	}

	/** Deletes the citizen's service keys (the registry's keys stay). */
	public int deleteServiceKeys(String userId) {
		return this.links.deleteByUser(userId);
	}

	/**
	 * Keeps the citizen's proofs as proof, their link to the account replaced by the
	 * pseudonym.
	 */
	public int anonymiseAcceptances(String userId, String pseudonym, Instant now) {
		return this.proofs.anonymise(userId, pseudonym, now);
	}

	/** Deletes the citizen's registrations. */
	public int deleteRegistrations(String userId) {
		return this.registrations.deleteByUser(userId);
	}

	/**
	 * What the platform records about an account.
	 *
	 * @param registrationState the wizard registration's state, if any
	 * @param hasProfile whether a profile is stored
	 */
	public record Summary(@Nullable String registrationState, boolean hasProfile) {
	}

}
