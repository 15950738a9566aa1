package fr.espacecommun.rights.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.espacecommun.registration.CitizenHoldings;
import fr.espacecommun.rights.internal.CitizenTables.Erasure;
import fr.espacecommun.rights.internal.CitizenTables.Source;

/**
 * Reads and erases a citizen's rows in every table of {@link CitizenTables}, each through
 * the API of the feature that owns it, in the caller's transaction (opened for the
 * tenant, so every repository reaches the tenant's schema).
 */
class CitizenData {

	private final List<Source> sources;

	private final CitizenHoldings registration;

	CitizenData(List<Source> sources, CitizenHoldings registration) {
		this.sources = List.copyOf(sources);
		this.registration = registration;
	}

	List<Source> sources() {
		return this.sources;
	}

	/** The citizen's rows by section. */
	Map<String, List<?>> rows(String userId, Collection<UUID> registrationIds) {
		Set<UUID> drafts = drafts(userId, registrationIds);
		Map<String, List<?>> sections = new LinkedHashMap<>();
		for (Source source : this.sources) {
			sections.put(source.section(), source.reader().rows(userId, drafts));
		}
		return sections;
	}

	/** How many rows each section holds. */
	Map<String, Integer> counts(String userId, Collection<UUID> registrationIds) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		rows(userId, registrationIds).forEach((section, rows) -> counts.put(section, rows.size()));
		return counts;
	}

	/** What the platform records about these accounts, by Keycloak id. */
	Map<String, CitizenHoldings.Summary> records(Collection<String> userIds) {
		return this.registration.summaries(userIds);
	}

	/**
	 * Deletes the citizen's rows and anonymises their proofs.
	 * @return rows deleted or anonymised, by table
	 */
	Map<String, Integer> erase(String userId, Collection<UUID> registrationIds, String pseudonym, Instant now) {
		// drafts are found through the registration rows: collect them before deleting
		Set<UUID> drafts = drafts(userId, registrationIds);
		Map<String, Integer> changed = new LinkedHashMap<>();
		for (Source source : this.sources) {
			if (source.erasure() != Erasure.KEEP) {
				changed.put(source.table(), source.eraser().erase(userId, drafts, pseudonym, now));
			}
		}
		return changed;
	}

	private Set<UUID> drafts(String userId, Collection<UUID> registrationIds) {
		Set<UUID> drafts = new LinkedHashSet<>(registrationIds);
		drafts.addAll(this.registration.registrationIds(userId));
		return drafts;
	}

}
