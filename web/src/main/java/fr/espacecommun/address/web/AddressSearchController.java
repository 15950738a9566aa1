package fr.espacecommun.address.web;

import java.util.List;

import fr.espacecommun.address.AddressSearch;
import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Address suggestions for the wizard's search-as-you-type, proxied so that the citizen's
 * browser talks only to their commune's portal. Answers on a commune's host only.
 */
@RestController
class AddressSearchController {

	/** A list the citizen can read at a glance. */
	static final int MAX_SUGGESTIONS = 8;

	/** Longer than any address; the service refuses more anyway. */
	static final int MAX_QUERY_LENGTH = 200;

	private final AddressSearch addressSearch;

	AddressSearchController(AddressSearch addressSearch) {
		this.addressSearch = addressSearch;
	}

	@GetMapping(path = "/adresse/recherche", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<List<AddressSuggestion>> search(@RequestParam(name = "q", defaultValue = "") String query,
			HttpServletRequest request) {
		if (CurrentTenant.of(request).isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		String bounded = (query.length() > MAX_QUERY_LENGTH) ? query.substring(0, MAX_QUERY_LENGTH) : query;
		List<AddressSuggestion> suggestions = this.addressSearch.search(bounded, MAX_SUGGESTIONS);
		// what a citizen types here is where they live: no shared cache keeps it
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body((suggestions.size() > MAX_SUGGESTIONS) ? suggestions.subList(0, MAX_SUGGESTIONS) : suggestions);
	}

}
