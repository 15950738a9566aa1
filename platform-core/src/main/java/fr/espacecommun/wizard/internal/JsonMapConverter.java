package fr.espacecommun.wizard.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores a draft's field values as a JSON object in a text column. */
@Converter
public class JsonMapConverter implements AttributeConverter<Map<String, String>, String> {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(Map<String, String> values) {
		return json.writeValueAsString((values != null) ? values : Map.of());
	}

	@Override
	public Map<String, String> convertToEntityAttribute(String column) {
		return (column == null || column.isBlank()) ? new LinkedHashMap<>() : json.readValue(column, MAP);
	}

}
