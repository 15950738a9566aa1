package fr.espacecommun.tenancy.internal;

import java.util.Arrays;
import java.util.List;

import fr.espacecommun.tenancy.TenantRegistration;
import org.mapstruct.Mapper;
import org.mapstruct.ReportingPolicy;

/** Registry rows to the records onboarding and the operators' page read. */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.ERROR)
public interface TenantRowMapper {

	TenantRegistration registration(TenantRow row);

	/** The hosts column: comma-separated. */
	default List<String> hosts(String hosts) {
		return hosts.isEmpty() ? List.of() : Arrays.asList(hosts.split(","));
	}

}
