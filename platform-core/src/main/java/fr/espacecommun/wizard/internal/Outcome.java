package fr.espacecommun.wizard.internal;

import java.time.Instant;

import fr.espacecommun.registration.RegistrationService.ActivationState;
import org.jspecify.annotations.Nullable;

/**
 * What the citizen is told once the registration was submitted.
 *
 * @param state where the account stands
 * @param username the username to sign in with
 * @param email where mails go
 * @param deadline for manual approval, by when the account will be active
 */
public record Outcome(ActivationState state, String username, String email, @Nullable Instant deadline) {

}
