package fr.espacecommun.address;

import java.util.List;

/**
 * Search-as-you-type over the Base Adresse Nationale. Never throws for an unreachable or
 * slow service: it answers with no suggestion, and manual entry stays possible.
 */
public interface AddressSearch {

	/**
	 * Suggestions for what the citizen typed.
	 * @param query at least 3 characters
	 * @param limit at most this many suggestions
	 */
	List<AddressSuggestion> search(String query, int limit);

	/**
	 * One address.
	 *
	 * @param label full label ("8 Boulevard du Port 80000 Amiens")
	 * @param houseNumber number, may be empty
	 * @param street street name, may be empty
	 * @param postcode postal code
	 * @param city city name
	 * @param cityCode INSEE code
	 */
	record AddressSuggestion(String label, String houseNumber, String street, String postcode, String city,
			String cityCode) {
	}

}
