package fr.espacecommun.wizard;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A wizard in progress, in the tenant's schema: what the citizen typed so far and the
 * proofs of what they accepted. It never holds a password: the password only travels in
 * the final page's request (see {@link WizardEngine}).
 */
@Entity
@Table(name = "wizard_draft")
class WizardDraft {

	@Id
	private UUID id;

	@Column(name = "current_step")
	private String currentStep;

	@Column(name = "reached_page")
	private int reachedPage;

	@Column(name = "account_type")
	private String accountType;

	@Column(name = "field_values")
	@Convert(converter = JsonMapConverter.class)
	private Map<String, String> values = new LinkedHashMap<>();

	@Column(name = "cgu_version")
	private @Nullable String cguVersion;

	@Column(name = "cgu_sha256")
	private @Nullable String cguSha256;

	@Column(name = "cgu_accepted_at")
	private @Nullable Instant cguAcceptedAt;

	@Column(name = "consent_version")
	private @Nullable String consentVersion;

	@Column(name = "consent_sha256")
	private @Nullable String consentSha256;

	@Column(name = "consent_accepted_at")
	private @Nullable Instant consentAcceptedAt;

	@Column(name = "security_challenge")
	private @Nullable String securityChallenge;

	@Column(name = "security_passed_at")
	private @Nullable Instant securityPassedAt;

	@Column(name = "submitting_since")
	private @Nullable Instant submittingSince;

	@Column(name = "submitted_at")
	private @Nullable Instant submittedAt;

	@Column(name = "outcome_state")
	private @Nullable String outcomeState;

	@Column(name = "outcome_username")
	private @Nullable String outcomeUsername;

	@Column(name = "outcome_email")
	private @Nullable String outcomeEmail;

	@Column(name = "outcome_deadline")
	private @Nullable Instant outcomeDeadline;

	// concurrent requests on one draft (a double click) must not overwrite each other
	@Version
	private @Nullable Long version;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "expires_at")
	private Instant expiresAt;

	protected WizardDraft() {
		this.id = new UUID(0, 0);
		this.currentStep = "";
		this.accountType = "";
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
		this.expiresAt = Instant.EPOCH;
	}

	WizardDraft(UUID id, String firstStep, String accountType, Instant now, Instant expiresAt) {
		this.id = id;
		this.currentStep = firstStep;
		this.accountType = accountType;
		this.createdAt = now;
		this.updatedAt = now;
		this.expiresAt = expiresAt;
	}

	UUID getId() {
		return this.id;
	}

	String getCurrentStep() {
		return this.currentStep;
	}

	int getReachedPage() {
		return this.reachedPage;
	}

	/** Moves to a page; the furthest page reached only grows. */
	void moveTo(WizardPage page) {
		this.currentStep = page.slug();
		this.reachedPage = Math.max(this.reachedPage, page.index());
	}

	String getAccountType() {
		return this.accountType;
	}

	void setAccountType(String accountType) {
		this.accountType = accountType;
	}

	Map<String, String> getValues() {
		return this.values;
	}

	void putValue(String field, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.values);
		copy.put(field, value);
		// a new map, so that Hibernate sees the change to the converted column
		this.values = copy;
	}

	void clearValues() {
		this.values = new LinkedHashMap<>();
	}

	@Nullable String getCguVersion() {
		return this.cguVersion;
	}

	@Nullable String getCguSha256() {
		return this.cguSha256;
	}

	@Nullable Instant getCguAcceptedAt() {
		return this.cguAcceptedAt;
	}

	void acceptCgu(String version, String sha256, Instant at) {
		this.cguVersion = version;
		this.cguSha256 = sha256;
		this.cguAcceptedAt = at;
	}

	@Nullable String getConsentVersion() {
		return this.consentVersion;
	}

	@Nullable String getConsentSha256() {
		return this.consentSha256;
	}

	@Nullable Instant getConsentAcceptedAt() {
		return this.consentAcceptedAt;
	}

	void acceptConsent(String version, String sha256, Instant at) {
		this.consentVersion = version;
		this.consentSha256 = sha256;
		this.consentAcceptedAt = at;
	}

	@Nullable String getSecurityChallenge() {
		return this.securityChallenge;
	}

	void setSecurityChallenge(@Nullable String securityChallenge) {
		this.securityChallenge = securityChallenge;
	}

	@Nullable Instant getSecurityPassedAt() {
		return this.securityPassedAt;
	}

	void setSecurityPassedAt(@Nullable Instant securityPassedAt) {
		this.securityPassedAt = securityPassedAt;
	}

	@Nullable Instant getSubmittedAt() {
		return this.submittedAt;
	}

	void submitted(Instant at, String state, String username, String email, @Nullable Instant deadline) {
		this.submittedAt = at;
		this.outcomeState = state;
		this.outcomeUsername = username;
		this.outcomeEmail = email;
		this.outcomeDeadline = deadline;
	}

	@Nullable String getOutcomeState() {
		return this.outcomeState;
	}

	@Nullable String getOutcomeUsername() {
		return this.outcomeUsername;
	}

	@Nullable String getOutcomeEmail() {
		return this.outcomeEmail;
	}

	@Nullable Instant getOutcomeDeadline() {
		return this.outcomeDeadline;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	Instant getExpiresAt() {
		return this.expiresAt;
	}

	void touch(Instant now, Instant expiresAt) {
		this.updatedAt = now;
		this.expiresAt = expiresAt;
	}

	boolean isExpired(Instant now) {
		return !this.expiresAt.isAfter(now);
	}

}
