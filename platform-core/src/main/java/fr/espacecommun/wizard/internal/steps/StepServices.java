package fr.espacecommun.wizard.internal.steps;

import java.util.List;

import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.tenant.TenantDefinition;

/** What steps may ask of other parts of the platform. */
public interface StepServices {

	/** Addresses matching the text, none when the search is unavailable. */
	List<AddressSuggestion> suggest(String query);

	/**
	 * Whether no account of the tenant's realm holds this username (or e-mail); true when
	 * unknown, since the submission checks it again.
	 */
	boolean isAvailable(TenantDefinition tenant, String username);

}
