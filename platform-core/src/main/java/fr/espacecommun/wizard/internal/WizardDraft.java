package fr.espacecommun.wizard.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import fr.espacecommun.wizard.WizardPage;
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
public class WizardDraft {

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

	public UUID getId() {
		return this.id;
	}

	public String getCurrentStep() {
		return this.currentStep;
	}

	public int getReachedPage() {
		return this.reachedPage;
	}

	/** Moves to a page; the furthest page reached only grows. */
	public void moveTo(WizardPage page) {
		this.currentStep = page.slug();
		this.reachedPage = Math.max(this.reachedPage, page.index());
	}

	public String getAccountType() {
		return this.accountType;
	}

	public void setAccountType(String accountType) {
		this.accountType = accountType;
	}

	public Map<String, String> getValues() {
		return this.values;
	}

	/** The value of a field, empty if none. */
	public String value(String field) {
		return this.values.getOrDefault(field, "");
	}

	public void putValue(String field, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.values);
		copy.put(field, value);
		// a new map, so that Hibernate sees the change to the converted column
		this.values = copy;
	}

	public void clearValues() {
		this.values = new LinkedHashMap<>();
	}

	public @Nullable String getCguVersion() {
		return this.cguVersion;
	}

	@Nullable String getCguSha256() {
		return this.cguSha256;
	}

	public @Nullable Instant getCguAcceptedAt() {
		return this.cguAcceptedAt;
	}

	public void acceptCgu(String version, String sha256, Instant at) {
		this.cguVersion = version;
		this.cguSha256 = sha256;
		this.cguAcceptedAt = at;
	}

	/** Takes back the CGU acceptance: the citizen left the box unticked. */
	public void withdrawCgu() {
		this.cguVersion = null;
		this.cguSha256 = null;
		this.cguAcceptedAt = null;
	}

	public @Nullable String getConsentVersion() {
		return this.consentVersion;
	}

	@Nullable String getConsentSha256() {
		return this.consentSha256;
	}

	public @Nullable Instant getConsentAcceptedAt() {
		return this.consentAcceptedAt;
	}

	public void acceptConsent(String version, String sha256, Instant at) {
		this.consentVersion = version;
		this.consentSha256 = sha256;
		this.consentAcceptedAt = at;
	}

	public @Nullable String getSecurityChallenge() {
		return this.securityChallenge;
	}

	public void setSecurityChallenge(@Nullable String securityChallenge) {
		this.securityChallenge = securityChallenge;
	}

	public @Nullable Instant getSecurityPassedAt() {
		return this.securityPassedAt;
	}

	public void setSecurityPassedAt(@Nullable Instant securityPassedAt) {
		this.securityPassedAt = securityPassedAt;
	}

	public @Nullable Instant getSubmittedAt() {
		return this.submittedAt;
	}

	public void submitted(Instant at, String state, String username, String email, @Nullable Instant deadline) {
		this.submittedAt = at;
		this.outcomeState = state;
		this.outcomeUsername = username;
		this.outcomeEmail = email;
		this.outcomeDeadline = deadline;
	}

	public @Nullable String getOutcomeState() {
		return this.outcomeState;
	}

	public @Nullable String getOutcomeUsername() {
		return this.outcomeUsername;
	}

	public @Nullable String getOutcomeEmail() {
		return this.outcomeEmail;
	}

	public @Nullable Instant getOutcomeDeadline() {
		return this.outcomeDeadline;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public void touch(Instant now, Instant expiresAt) {
		this.updatedAt = now;
		this.expiresAt = expiresAt;
	}

	public boolean isExpired(Instant now) {
		return !this.expiresAt.isAfter(now);
	}

}
