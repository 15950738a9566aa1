package fr.espacecommun.rights.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A citizen of the commune's realm, as staff find them: the Keycloak identity joined with
 * the platform's records.
 *
 * @param id the Keycloak user id
 * @param username the username
 * @param email the e-mail address
 * @param firstName first names
 * @param lastName last name
 * @param enabled whether the account may sign in
 * @param createdAt when the account was created
 * @param registrationState the wizard registration's state ({@code ACTIVE},
 * {@code AWAITING_APPROVAL}…), or {@code null} for accounts the commune created
 * @param hasProfile whether the platform holds a profile for the account
 */
public record CitizenSummary(String id, String username, @Nullable String email, @Nullable String firstName,
		@Nullable String lastName, boolean enabled, @Nullable Instant createdAt, @Nullable String registrationState,
		boolean hasProfile) {

	/** First names and last name, as far as known. */
	public String fullName() {
		String first = (this.firstName != null) ? this.firstName : "";
		String last = (this.lastName != null) ? this.lastName : "";
		return (first + " " + last).strip();
	}

}
