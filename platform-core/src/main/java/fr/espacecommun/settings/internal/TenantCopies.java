package fr.espacecommun.settings.internal;

import java.util.Map;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.FieldRule;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;
import fr.espacecommun.tenant.TenantDefinition.Terms;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;

/**
 * A commune's definition with one part replaced by what its staff published. Generated
 * from the record's components at each build, so a component added to the definition is
 * copied too (the build fails if it cannot be).
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface TenantCopies {

	@Mapping(target = "terms", source = "terms")
	TenantDefinition withTerms(TenantDefinition tenant, Terms terms);

	@Mapping(target = "passwordPolicy", source = "passwordPolicy")
	TenantDefinition withPasswordPolicy(TenantDefinition tenant, PasswordPolicy passwordPolicy);

	@Mapping(target = "fields", source = "fields")
	TenantDefinition withFields(TenantDefinition tenant, Map<String, FieldRule> fields);

}
