package fr.espacecommun.tenant.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** The known name closest to a misspelt one ("credentails" → "credentials"). */
final class Suggestions {

	private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

	private Suggestions() {
	}

	/** The candidate within 3 edits of {@code name} (the closest one), if any. */
	static Optional<String> closest(String name, Collection<String> candidates) {
		return candidates.stream()
			.filter((candidate) -> DISTANCE.apply(name, candidate) >= 0)
			.min(Comparator.comparingInt((String candidate) -> DISTANCE.apply(name, candidate)));
	}

}
