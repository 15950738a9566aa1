package fr.espacecommun.accountimport.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import fr.espacecommun.accountimport.internal.ImportStore.PendingRow;
import fr.espacecommun.csv.Reason;
import org.jspecify.annotations.Nullable;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.ReportingPolicy;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import rows to the records the pages and the worker read; keys and reasons are JSON.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface ImportMapper {

	JsonMapper json = JsonMapper.builder().build();

	ImportSummary summary(AccountImport row, Map<RowStatus, Integer> counts);

	@Mapping(target = "lastName", qualifiedByName = "shown")
	@Mapping(target = "firstNames", qualifiedByName = "shown")
	@Mapping(target = "email", qualifiedByName = "shown")
	@Mapping(target = "username", qualifiedByName = "shown")
	@Mapping(target = "serviceKeys", qualifiedByName = "keys")
	@Mapping(target = "reasons", qualifiedByName = "reasons")
	RowView view(AccountImportRow row);

	@Mapping(target = "serviceKeys", qualifiedByName = "keys")
	PendingRow pending(AccountImportRow row);

	/** A missing value shows as empty. */
	@Named("shown")
	default String shown(@Nullable String value) {
		return (value != null) ? value : "";
	}

	@Named("keys")
	default Map<String, String> keys(@Nullable String column) {
		return (column == null || column.isBlank()) ? Map.of()
				: json.readValue(column, new TypeReference<LinkedHashMap<String, String>>() {
				});
	}

	@Named("reasons")
	default List<Reason> reasons(@Nullable String column) {
		return (column == null || column.isBlank()) ? List.of() : json.readValue(column, new TypeReference<>() {
		});
	}

	/** No reason is no column. */
	default @Nullable String reasonsColumn(List<Reason> reasons) {
		return reasons.isEmpty() ? null : json.writeValueAsString(reasons);
	}

}
