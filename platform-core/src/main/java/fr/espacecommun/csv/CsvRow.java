package fr.espacecommun.csv;

import java.util.Map;
import java.util.Optional;

/**
 * One data row of an uploaded file.
 *
 * @param line the line of the file where the row starts (the header is line 1)
 * @param values the values by column id, stripped; a column the file lacks is absent
 * @param problem why the row cannot be read as the header says, if so (wrong number of
 * values)
 */
public record CsvRow(int line, Map<String, String> values, Optional<Reason> problem) {

	public CsvRow {
		values = Map.copyOf(values);
	}

	/** The value of a column, empty when absent or blank. */
	public String value(String columnId) {
		return this.values.getOrDefault(columnId, "");
	}

}
