package fr.espacecommun.rights.internal;

import java.time.Instant;

import fr.espacecommun.registration.CitizenHoldings;
import org.jspecify.annotations.Nullable;
import org.keycloak.representations.idm.UserRepresentation;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;

/** A Keycloak account and the platform's records of it, as staff find the citizen. */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface SummaryMapper {

	@Mapping(target = "id", source = "user.id")
	@Mapping(target = "username", source = "user.username")
	@Mapping(target = "email", source = "user.email")
	@Mapping(target = "firstName", source = "user.firstName")
	@Mapping(target = "lastName", source = "user.lastName")
	@Mapping(target = "enabled", source = "user.enabled", defaultValue = "false")
	@Mapping(target = "createdAt", source = "user.createdTimestamp")
	@Mapping(target = "registrationState", source = "records.registrationState")
	@Mapping(target = "hasProfile", source = "records.hasProfile", defaultValue = "false")
	CitizenSummary summary(UserRepresentation user, CitizenHoldings.@Nullable Summary records);

	/** Keycloak dates accounts in milliseconds. */
	default @Nullable Instant instant(@Nullable Long epochMillis) {
		return (epochMillis != null) ? Instant.ofEpochMilli(epochMillis) : null;
	}

}
