package fr.espacecommun.tenancy;

import java.util.Arrays;
import java.util.List;

import org.mapstruct.Mapper;
import org.mapstruct.ReportingPolicy;

/** Registry rows to the records onboarding and the operators' page read. */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.ERROR)
interface TenantRowMapper {

	TenantRegistration registration(TenantRow row);

	/** The hosts column: comma-separated. */
	default List<String> hosts(String hosts) {
		return hosts.isEmpty() ? List.of() : Arrays.asList(hosts.split(","));
	}

}
