package fr.espacecommun.accountimport.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import fr.espacecommun.csv.Reason;

/**
 * One line of an import.
 *
 * @param line its line in the file
 * @param lastName last name
 * @param firstNames first names
 * @param email e-mail
 * @param serviceKeys service keys by service id
 * @param status what became of it
 * @param reasons why it was refused or failed
 * @param username the generated username, once created
 */
public record RowView(int line, String lastName, String firstNames, String email, Map<String, String> serviceKeys,
		RowStatus status, List<Reason> reasons, String username) {

	public RowView {
		serviceKeys = Map.copyOf(serviceKeys);
		reasons = List.copyOf(reasons);
	}

	/** The service keys, "enfance : 23456-B7J8K2", for display. */
	public String keysText() {
		return this.serviceKeys.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " : " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

}
