package fr.espacecommun.wizard.internal;

import java.util.List;

import fr.espacecommun.address.AddressSearch;
import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.registration.RegistrationService;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.internal.steps.StepServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What steps ask of the address search and of Keycloak; neither ever fails a page: the
 * address can be typed by hand, and the username is checked again at submission.
 */
class WizardServices implements StepServices {

	private static final Logger logger = LoggerFactory.getLogger(WizardServices.class);

	/** Address suggestions offered by one search. */
	private static final int SUGGESTIONS = 5;

	private final ObjectProvider<RegistrationService> registration;

	private final ObjectProvider<AddressSearch> addresses;

	WizardServices(ObjectProvider<RegistrationService> registration, ObjectProvider<AddressSearch> addresses) {
		this.registration = registration;
		this.addresses = addresses;
	}

	@Override
	public List<AddressSuggestion> suggest(String query) {
		AddressSearch search = this.addresses.getIfAvailable();
		if (search == null || query.isBlank()) {
			return List.of();
		}
		try {
			return search.search(query, SUGGESTIONS);
		}
		catch (RuntimeException ex) {
			logger.warn("Address search failed: {}", ex.toString());
			return List.of();
		}
	}

	@Override
	public boolean isAvailable(TenantDefinition tenant, String username) {
		RegistrationService service = this.registration.getIfAvailable();
		if (service == null) {
			return true;
		}
		try {
			return service.isUsernameAvailable(tenant, username);
		}
		catch (RuntimeException ex) {
			logger.warn("Username availability unknown: {}", ex.toString());
			return true;
		}
	}

}
