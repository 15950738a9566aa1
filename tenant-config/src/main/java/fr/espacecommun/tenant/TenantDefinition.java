package fr.espacecommun.tenant;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.jspecify.annotations.Nullable;

/**
 * One commune (tenant) as declared by the operator in {@code tenants/<id>.yaml}.
 *
 * @param id tenant id, {@code [a-z][a-z0-9]*}; it names the Keycloak realm and, prefixed
 * with {@code t_}, the PostgreSQL schema
 * @param name the commune's official name ("Ville de Fresnes")
 * @param portalName the portal's name shown to citizens ("Espace Famille")
 * @param hosts every host name (without port) that serves this tenant
 * @param branding colour and logo
 * @param contact who citizens contact, and the sender of the commune's mails
 * @param terms the CGU (conditions générales d'utilisation)
 * @param passwordPolicy the password rules, applied by the wizard and by the realm
 * @param usernameMode whether the citizen chooses a username or uses the e-mail address
 * @param steps the wizard's steps, in order
 * @param fields rules for each wizard field, by field id
 * @param accountTypes the kinds of account a citizen may create (at least one)
 * @param consent the explicit data-processing consent step, if the tenant has one
 * @param serviceKeys the tenant's service keys ("clé Enfance")
 * @param captcha the security check, if the tenant has one
 * @param activation how a new account becomes active
 * @param keycloak which Keycloak cluster holds the realm
 * @param source the file this definition was read from
 */
public record TenantDefinition(String id, String name, String portalName, List<String> hosts, Branding branding,
		Contact contact, Terms terms, PasswordPolicy passwordPolicy, UsernameMode usernameMode,
		List<StepDefinition> steps, Map<String, FieldRule> fields, List<AccountType> accountTypes,
		@Nullable Consent consent, List<ServiceKeyDefinition> serviceKeys, @Nullable Captcha captcha,
		Activation activation, KeycloakPlacement keycloak, Path source) {

	public TenantDefinition {
		hosts = List.copyOf(hosts);
		steps = List.copyOf(steps);
		fields = Map.copyOf(fields);
		accountTypes = List.copyOf(accountTypes);
		serviceKeys = List.copyOf(serviceKeys);
	}

	/** The Keycloak realm that holds this tenant's users. */
	public String realm() {
		return this.id;
	}

	/** The rule for one field, if the tenant declares it. */
	public Optional<FieldRule> field(String fieldId) {
		return Optional.ofNullable(this.fields.get(fieldId));
	}

	/** The kind of account with this id, if the tenant offers it. */
	public Optional<AccountType> accountType(String accountTypeId) {
		return this.accountTypes.stream().filter((type) -> type.id().equals(accountTypeId)).findFirst();
	}

	/** Whether the wizard contains this step. */
	public boolean hasStep(StepType type) {
		return this.steps.stream().anyMatch((step) -> step.type() == type);
	}

	/**
	 * Colour and logo of the commune.
	 *
	 * @param primaryColor {@code #rrggbb}
	 * @param logo the logo file, relative to the tenants folder
	 * @param logoAlt the logo's text alternative
	 * @param image the logo as read with the file, served even once the file is gone
	 */
	public record Branding(String primaryColor, String logo, String logoAlt, Logo image) {

		/** Branding whose logo was not read (tests, definitions built in code). */
		public Branding(String primaryColor, String logo, String logoAlt) {
			this(primaryColor, logo, logoAlt, Logo.NONE);
		}

	}

	/**
	 * A logo's bytes, read once with the tenant file: the commune keeps its logo on its
	 * pages and sign-in page even when the file is deleted or being rewritten.
	 */
	public static final class Logo {

		/** The largest logo a tenant file may name. */
		public static final int MAX_BYTES = 512 * 1024;

		/** No logo read. */
		public static final Logo NONE = new Logo("", new byte[0]);

		private final String contentType;

		private final byte[] bytes;

		private final String sha256;

		private Logo(String contentType, byte[] bytes) {
			this.contentType = contentType;
			this.bytes = bytes;
			this.sha256 = (bytes.length == 0) ? "" : DigestUtils.sha256Hex(bytes);
		}

		/**
		 * A logo of this type.
		 * @param contentType {@code image/svg+xml} or {@code image/png}
		 * @param bytes the file's bytes
		 * @return the logo
		 */
		public static Logo of(String contentType, byte[] bytes) {
			return new Logo(contentType, bytes.clone());
		}

		/** Whether bytes were read. */
		public boolean present() {
			return this.bytes.length > 0;
		}

		/** {@code image/svg+xml} or {@code image/png}; empty when absent. */
		public String contentType() {
			return this.contentType;
		}

		/** A copy of the bytes. */
		public byte[] bytes() {
			return this.bytes.clone();
		}

		/** The number of bytes. */
		public int size() {
			return this.bytes.length;
		}

		/** Hex SHA-256 of the bytes (empty when absent), for cache validators. */
		public String sha256() {
			return this.sha256;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Logo logo && logo.sha256.equals(this.sha256)
					&& logo.contentType.equals(this.contentType);
		}

		@Override
		public int hashCode() {
			return this.sha256.hashCode();
		}

		@Override
		public String toString() {
			return "Logo[" + this.contentType + ", " + this.bytes.length + " bytes]";
		}

	}

	/**
	 * How citizens reach the commune, and who its mails come from.
	 *
	 * @param email contact address shown on pages
	 * @param phone contact phone shown on pages
	 * @param postalAddress postal address shown on pages (may be empty)
	 * @param website the commune's own site (may be empty)
	 * @param mailFrom sender address of the commune's mails
	 * @param mailFromName sender name of the commune's mails
	 */
	public record Contact(String email, String phone, String postalAddress, String website, String mailFrom,
			String mailFromName) {
	}

	/**
	 * The CGU text.
	 *
	 * @param version version label ("2022-10")
	 * @param file the Markdown file it was read from, relative to the tenants folder
	 * @param markdown the text
	 * @param sha256 hex SHA-256 of the text, stored with every acceptance
	 * @param scrollToAccept the accept control is enabled only once the text was scrolled
	 * to the bottom (Vélizy)
	 * @param commonModel the commune has no text of its own and uses the common model
	 * text
	 */
	public record Terms(String version, String file, String markdown, String sha256, boolean scrollToAccept,
			boolean commonModel) {

		/**
		 * Terms whose hash is computed from their text, the proof of what a citizen
		 * accepted.
		 */
		public static Terms of(String version, String file, String markdown, boolean scrollToAccept,
				boolean commonModel) {
			return new Terms(version, file, markdown, markdown.isEmpty() ? "" : DigestUtils.sha256Hex(markdown),
					scrollToAccept, commonModel);
		}

	}

	/**
	 * Password rules. Counts of 0 mean "no rule".
	 *
	 * @param minLength minimum length (never below 8)
	 * @param maxLength maximum length
	 * @param minLowercase minimum lowercase letters
	 * @param minUppercase minimum uppercase letters
	 * @param minDigits minimum digits
	 * @param minSpecialChars minimum special characters
	 * @param notUsername the password may not equal the username
	 * @param notEmail the password may not equal the e-mail address
	 */
	public record PasswordPolicy(int minLength, int maxLength, int minLowercase, int minUppercase, int minDigits,
			int minSpecialChars, boolean notUsername, boolean notEmail) {
	}

	/** Whether the citizen chooses a username or signs in with the e-mail address. */
	public enum UsernameMode {

		CHOSEN, EMAIL

	}

	/**
	 * One wizard step.
	 *
	 * @param type which step of the catalogue
	 * @param title title shown in the progress bar and the page heading
	 * @param intro optional text shown above the step's fields
	 */
	public record StepDefinition(StepType type, String title, @Nullable String intro) {
	}

	/**
	 * Rule of one field.
	 *
	 * @param requirement required, optional or hidden
	 * @param label the commune's own label for the field
	 */
	public record FieldRule(Requirement requirement, String label) {
	}

	/** Whether a field is asked for, and must be filled. */
	public enum Requirement {

		REQUIRED, OPTIONAL, HIDDEN

	}

	/**
	 * A kind of account (CCVE: personnel, association, entreprise) and the fields of the
	 * account-type step it asks for.
	 *
	 * @param id {@code personal}, {@code association} or {@code company}
	 * @param label the commune's label ("COMPTE PERSONNEL")
	 * @param fields the account-type step's fields this kind of account asks for, in the
	 * file's order, each required or optional (CCVE: a company's SIRET is required); the
	 * labels are the tenant's {@code fields}
	 */
	public record AccountType(String id, String label, Map<String, Requirement> fields) {

		public AccountType {
			fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
		}

		/** A kind of account that asks for no field of its own. */
		public AccountType(String id, String label) {
			this(id, label, Map.of());
		}

		/** Whether this kind of account asks for the field. */
		public boolean asks(String fieldId) {
			return this.fields.containsKey(fieldId);
		}

		/** Whether this kind of account requires the field. */
		public boolean requires(String fieldId) {
			return this.fields.get(fieldId) == Requirement.REQUIRED;
		}

	}

	/**
	 * Explicit consent to data processing, asked before the wizard (CCVE).
	 *
	 * @param version version of the consent text
	 * @param title heading
	 * @param text the text the citizen accepts
	 * @param acceptLabel label of the accept button ("ACCEPTER")
	 */
	public record Consent(String version, String title, String text, String acceptLabel) {
	}

	/**
	 * A service key the citizen may link to the account ("clé Enfance").
	 *
	 * @param id key id ({@code enfance})
	 * @param label label shown to citizens ("Enfance")
	 * @param pattern regular expression a key must match, run by {@link KeyFormat}
	 * @param example an example key shown as a hint ("23456-B7J8K2")
	 * @param required whether the citizen must enter it
	 * @param help text shown beside the field
	 */
	public record ServiceKeyDefinition(String id, String label, String pattern, String example, boolean required,
			@Nullable String help) {

		/** The compiled format (validation guarantees it compiles). */
		public KeyFormat format() {
			return KeyFormat.of(this.pattern);
		}

	}

	/**
	 * The picture security check ("Cliquez sur le pied").
	 *
	 * @param prompt the instruction shown
	 * @param target the picture to choose
	 * @param choices all pictures offered, target included
	 */
	public record Captcha(String prompt, String target, List<String> choices) {

		public Captcha {
			choices = List.copyOf(choices);
		}

	}

	/**
	 * How a new account becomes active.
	 *
	 * @param mode the rule for accounts created through the wizard
	 * @param approvalDeadlineBusinessHours for manual approval: business hours staff have
	 * to activate the account (Villennes: 48)
	 * @param linkValidityHours how long an activation link stays valid
	 * @param preProvisionedAccounts whether the commune also creates accounts itself and
	 * mails them (Vélizy, Villennes' former Portail Famille users)
	 */
	public record Activation(ActivationMode mode, @Nullable Integer approvalDeadlineBusinessHours,
			int linkValidityHours, boolean preProvisionedAccounts) {
	}

	/** Activation rules. */
	public enum ActivationMode {

		/** Active as soon as created (CCVE). */
		IMMEDIATE,
		/** Active once the citizen follows the link mailed to them (Fresnes, CCPLM). */
		EMAIL_LINK,
		/**
		 * Active once staff approve it, within a deadline in business hours (Villennes).
		 */
		MANUAL_APPROVAL,
		/**
		 * Created by the commune; the citizen activates it and personalises it (Vélizy).
		 */
		PRE_PROVISIONED

	}

	/**
	 * Where the tenant's realm lives.
	 *
	 * @param cluster name of the Keycloak cluster, as configured in the platform
	 */
	public record KeycloakPlacement(String cluster) {
	}

}
