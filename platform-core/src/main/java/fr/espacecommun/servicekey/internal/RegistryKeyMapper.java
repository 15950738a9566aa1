package fr.espacecommun.servicekey.internal;

import fr.espacecommun.registration.ServiceKeyRecords.HeldKey;
import fr.espacecommun.registration.ServiceKeyRecords.NewKey;
import fr.espacecommun.servicekey.internal.ServiceKeyRegistry.RegistryKey;
import org.jspecify.annotations.Nullable;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.ReportingPolicy;

/** Registry keys between the page's records and registration's rows. */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface RegistryKeyMapper {

	@Mapping(target = "value", source = "keyValue")
	@Mapping(target = "holderName", source = "holderName", qualifiedByName = "shown")
	@Mapping(target = "linked", expression = "java(key.linkedAt() != null)")
	RegistryKey registryKey(HeldKey key);

	@Mapping(target = "holderName", source = "holderName", qualifiedByName = "stored")
	NewKey newKey(RegistryKey key);

	/** The page shows an empty holder where the table keeps none. */
	@Named("shown")
	default String shown(@Nullable String holderName) {
		return (holderName != null) ? holderName : "";
	}

	/** The table keeps no empty holder. */
	@Named("stored")
	default @Nullable String stored(String holderName) {
		return holderName.isEmpty() ? null : holderName;
	}

}
