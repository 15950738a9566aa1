package fr.espacecommun.registration.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A citizen's rows of the tables registration keeps, as the RGPD export shows them: one
 * property per column, named as the column (the build fails if an entity gains an
 * attribute that none of these records shows).
 */
public final class RegistrationExports {

	private RegistrationExports() {
	}

	/** A row of {@code citizen_profile}. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Profile(UUID id, String keycloakUserId, Instant createdAt, Instant updatedAt,
			@Nullable String accountType, @Nullable String organisationName, @Nullable String siret,
			@Nullable String rna, @Nullable String civility, @Nullable String birthName, @Nullable LocalDate birthDate,
			@Nullable String birthCountry, @Nullable String birthDepartment, @Nullable String birthCity,
			@Nullable String addressLabel, @Nullable String streetNumber, @Nullable String streetName,
			@Nullable String building, @Nullable String apartment, @Nullable String complement,
			@Nullable String postalCode, @Nullable String city, @Nullable String country, @Nullable String phone,
			@Nullable String mobile, @Nullable String fax, @Nullable String preferredContact) {
	}

	/** A row of {@code acceptance_proof}. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Acceptance(UUID id, @Nullable String keycloakUserId, String kind, String version, String sha256,
			Instant acceptedAt, @Nullable String pseudonym, @Nullable Instant anonymisedAt, @Nullable String username) {
	}

	/** A row of {@code registration}. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Registration(UUID registrationId, @Nullable String keycloakUserId, @Nullable String username,
			@Nullable String email, String state, @Nullable Instant deadline, Instant createdAt,
			@Nullable Instant updatedAt, @Nullable Instant decidedAt, @Nullable String decidedBy,
			@Nullable String rejectionReason) {
	}

	/** A row of {@code service_key_link}. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record ServiceKeyLink(UUID id, String keycloakUserId, String serviceId, String keyValue, boolean verified,
			Instant linkedAt) {
	}

	/** A row of {@code service_key}. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record RegistryKey(String serviceId, String keyValue, @Nullable String holderName,
			@Nullable Instant importedAt) {
	}

}
