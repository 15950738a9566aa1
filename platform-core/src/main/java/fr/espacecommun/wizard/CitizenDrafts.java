package fr.espacecommun.wizard;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.wizard.internal.JsonMapConverter;
import fr.espacecommun.wizard.internal.WizardDraftRepository;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.stereotype.Component;

/**
 * A citizen's wizard drafts (their ids are the registration ids), for the citizen's data
 * rights: a submitted draft keeps what was typed until it expires. Runs in the caller's
 * transaction, opened for the tenant.
 */
@Component
public class CitizenDrafts {

	/** The column the export leaves out: the pending picture check, single use. */
	public static final String SECURITY_CHALLENGE = "security_challenge";

	private final WizardDraftRepository drafts;

	CitizenDrafts(WizardDraftRepository drafts) {
		this.drafts = drafts;
	}

	/** The drafts with these ids, oldest first. */
	public List<Draft> export(Collection<UUID> ids) {
		return ids.isEmpty() ? List.of() : this.drafts.exportAll(ids);
	}

	/** Deletes the drafts with these ids; returns how many. */
	public int erase(Collection<UUID> ids) {
		return ids.isEmpty() ? 0 : this.drafts.deleteAllWithIds(ids);
	}

	/**
	 * A row of {@code wizard_draft} without the security challenge; the field values as
	 * the JSON text the column holds.
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Draft(UUID id, String currentStep, int reachedPage, String accountType, String fieldValues,
			@Nullable String cguVersion, @Nullable String cguSha256, @Nullable Instant cguAcceptedAt,
			@Nullable String consentVersion, @Nullable String consentSha256, @Nullable Instant consentAcceptedAt,
			@Nullable Instant securityPassedAt, @Nullable Instant submittingSince, @Nullable Instant submittedAt,
			@Nullable String outcomeState, @Nullable String outcomeUsername, @Nullable String outcomeEmail,
			@Nullable Instant outcomeDeadline, @Nullable Long version, Instant createdAt, Instant updatedAt,
			Instant expiresAt) {

		/** The projection's constructor: the values as the converter stores them. */
		public Draft(UUID id, String currentStep, int reachedPage, String accountType, Map<String, String> values,
				@Nullable String cguVersion, @Nullable String cguSha256, @Nullable Instant cguAcceptedAt,
				@Nullable String consentVersion, @Nullable String consentSha256, @Nullable Instant consentAcceptedAt,
				@Nullable Instant securityPassedAt, @Nullable Instant submittingSince, @Nullable Instant submittedAt,
				@Nullable String outcomeState, @Nullable String outcomeUsername, @Nullable String outcomeEmail,
				@Nullable Instant outcomeDeadline, @Nullable Long version, Instant createdAt, Instant updatedAt,
				Instant expiresAt) {
			this(id, currentStep, reachedPage, accountType, new JsonMapConverter().convertToDatabaseColumn(values),
					cguVersion, cguSha256, cguAcceptedAt, consentVersion, consentSha256, consentAcceptedAt,
					securityPassedAt, submittingSince, submittedAt, outcomeState, outcomeUsername, outcomeEmail,
					outcomeDeadline, version, createdAt, updatedAt, expiresAt);
		}

	}

}
