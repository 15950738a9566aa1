package fr.espacecommun.registration.internal;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;

/**
 * Entities to their export rows. Strict both ways: an attribute an entity gains, or a
 * column an export row gains, fails the build until it is mapped.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.ERROR)
public interface RegistrationExportMapper {

	@Mapping(target = ".", source = "fields")
	@Mapping(target = "addressLabel", source = "fields.addressSearch")
	RegistrationExports.Profile profile(CitizenProfile profile);

	RegistrationExports.Acceptance acceptance(AcceptanceProof proof);

	RegistrationExports.Registration registration(RegistrationRow registration);

	RegistrationExports.ServiceKeyLink link(ServiceKeyLink link);

	RegistrationExports.RegistryKey registryKey(ServiceKeyEntry key);

}
