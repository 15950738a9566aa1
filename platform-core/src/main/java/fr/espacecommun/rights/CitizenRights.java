package fr.espacecommun.rights;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.identity.KeycloakClusters;
import fr.espacecommun.registration.CitizenAccounts;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.rights.CitizenTables.Source;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * A commune's staff acting on a citizen's rights: find them in the commune's realm,
 * export everything held about them (Keycloak identity and every table of
 * {@link CitizenTables}), erase them. Only accounts of the tenant's own realm with role
 * {@code citizen} are reached, never a staff account: any other id is "not found".
 */
public class CitizenRights {

	/** Audit action of an export. */
	public static final String EXPORTED = "citizen.exported";

	/** Audit action of an erasure. */
	public static final String ERASED = "citizen.erased";

	static final String CITIZEN_ROLE = "citizen";

	static final String STAFF_ROLE = "tenant-admin";

	/** The most citizens a search lists. */
	public static final int MAX_RESULTS = 20;

	private static final Logger logger = LoggerFactory.getLogger(CitizenRights.class);

	private static final Pattern KEYCLOAK_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final KeycloakClusters clusters;

	private final CitizenData data;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	CitizenRights(KeycloakClusters clusters, CitizenData data, AuditLog audit, TransactionTemplate transaction,
			Clock clock) {
		this.clusters = clusters;
		this.data = data;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * The citizens whose username, e-mail address, first or last name contains the text,
	 * at most {@value #MAX_RESULTS}.
	 */
	public List<CitizenSummary> search(TenantDefinition tenant, String text) {
		// Keycloak reads * as a wildcard and quotes as an exact search
		String cleaned = text.replaceAll("[*\"]", "").strip();
		if (cleaned.isEmpty()) {
			return List.of();
		}
		return keycloak(() -> {
			RealmResource realm = realm(tenant);
			List<UserRepresentation> citizens = new ArrayList<>();
			for (UserRepresentation user : realm.users().search("*" + cleaned + "*", 0, 5 * MAX_RESULTS, true)) {
				if (isCitizen(realm.users().get(user.getId()))) {
					citizens.add(user);
				}
				if (citizens.size() == MAX_RESULTS) {
					break;
				}
			}
			Map<String, CitizenData.Records> records = transactional(tenant,
					() -> this.data.records(tenant, citizens.stream().map(UserRepresentation::getId).toList()));
			return citizens.stream().map((user) -> summary(user, records.get(user.getId()))).toList();
		});
	}

	/** The citizen, if the id is a citizen of the tenant's realm. */
	public Optional<CitizenSummary> find(TenantDefinition tenant, String userId) {
		return citizen(tenant, userId).map((user) -> summary(user,
				transactional(tenant, () -> this.data.records(tenant, List.of(userId))).get(userId)));
	}

	/** How many rows the platform holds about the citizen, by export section. */
	public Map<String, Integer> holdings(TenantDefinition tenant, String userId) {
		List<UUID> registrations = citizen(tenant, userId).map(CitizenRights::registrationIds).orElse(List.of());
		return transactional(tenant, () -> this.data.counts(tenant, userId, registrations));
	}

	/**
	 * Everything held about the citizen, as UTF-8 JSON; the export is written to the
	 * audit log (and so appears in the next one).
	 * @return empty if the id is not a citizen of the tenant's realm
	 */
	public Optional<byte[]> export(TenantDefinition tenant, String userId, String actor) {
		Optional<UserRepresentation> found = citizen(tenant, userId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		UserRepresentation user = found.get();
		Map<String, Object> identity = identity(tenant, user);
		byte[] document = transactional(tenant, () -> {
			Map<String, @Nullable Object> export = new LinkedHashMap<>();
			export.put("format", "espace-commun/citizen-export/1");
			export.put("exportedAt", this.clock.instant().toString());
			export.put("commune", Map.of("id", tenant.id(), "name", tenant.name()));
			export.put("identity", identity);
			Map<String, String> sources = new LinkedHashMap<>();
			Map<String, Set<String>> withheld = new LinkedHashMap<>();
			this.data.rows(tenant, userId, registrationIds(user)).forEach((section, rows) -> {
				Source source = source(section);
				export.put(section, source.single() ? (rows.isEmpty() ? null : rows.get(0)) : rows);
				sources.put(section, source.table());
				if (!source.withheld().isEmpty()) {
					withheld.put(source.table(), source.withheld());
				}
			});
			export.put("sources", sources);
			export.put("withheld", withheld);
			// recorded after the rows were read: the document shows the log as it stood
			this.audit.record(actor, EXPORTED, userId, null, null);
			return json.writeValueAsBytes(export);
		});
		logger.info("Citizen {} exported by {}", userId, actor);
		return Optional.of(document);
	}

	/**
	 * Erases the citizen: the rows of the tenant's schema, their proofs anonymised, then
	 * the account of the realm, all in one database transaction (a Keycloak refusal rolls
	 * the rows back), written to the audit log with ids only.
	 * @return empty if the id is not a citizen of the tenant's realm
	 */
	public Optional<Erasure> erase(TenantDefinition tenant, String userId, String actor) {
		Optional<UserRepresentation> found = citizen(tenant, userId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		UserRepresentation user = found.get();
		String pseudonym = UUID.randomUUID().toString();
		Erasure erasure = transactional(tenant, () -> {
			Instant now = this.clock.instant();
			Map<String, Integer> rows = this.data.erase(tenant, userId, registrationIds(user), pseudonym, now);
			this.audit.record(actor, ERASED, userId, null,
					json.writeValueAsString(Map.of("proofPseudonym", pseudonym, "rows", rows)));
			// last, so that a refusal rolls every row back; should the commit itself fail
			// after this, the rows stay and the account is gone: erasing again is then a
			// matter for the operator (logged below with the id only)
			deleteAccount(tenant, userId);
			return new Erasure(userId, user.getUsername(), pseudonym, rows);
		});
		logger.info("Citizen {} erased by {}: {}", userId, actor, erasure.rows());
		return Optional.of(erasure);
	}

	private Optional<UserRepresentation> citizen(TenantDefinition tenant, String userId) {
		if (!KEYCLOAK_ID.matcher(userId).matches()) {
			return Optional.empty();
		}
		return keycloak(() -> {
			UserResource resource = realm(tenant).users().get(userId);
			try {
				UserRepresentation user = resource.toRepresentation();
				return isCitizen(resource) ? Optional.of(user) : Optional.empty();
			}
			catch (NotFoundException ex) {
				// another realm's id, or an account already erased
				return Optional.empty();
			}
		});
	}

	private static boolean isCitizen(UserResource user) {
		Set<String> roles = user.roles()
			.realmLevel()
			.listEffective()
			.stream()
			.map(RoleRepresentation::getName)
			.collect(Collectors.toSet());
		// staff accounts carry the realm's default role too; they are not erased here
		return roles.contains(CITIZEN_ROLE) && !roles.contains(STAFF_ROLE);
	}

	private Map<String, Object> identity(TenantDefinition tenant, UserRepresentation user) {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("id", user.getId());
		identity.put("username", user.getUsername());
		identity.put("email", nullToEmpty(user.getEmail()));
		identity.put("emailVerified", Boolean.TRUE.equals(user.isEmailVerified()));
		identity.put("firstName", nullToEmpty(user.getFirstName()));
		identity.put("lastName", nullToEmpty(user.getLastName()));
		identity.put("enabled", Boolean.TRUE.equals(user.isEnabled()));
		identity.put("createdAt", (user.getCreatedTimestamp() != null)
				? Instant.ofEpochMilli(user.getCreatedTimestamp()).toString() : "");
		identity.put("attributes", (user.getAttributes() != null) ? user.getAttributes() : Map.of());
		identity.put("requiredActions", (user.getRequiredActions() != null) ? user.getRequiredActions() : List.of());
		// what credentials exist and since when; Keycloak never gives out their secrets
		identity.put("credentials",
				keycloak(() -> realm(tenant).users()
					.get(user.getId())
					.credentials()
					.stream()
					.map((credential) -> Map.of("type", credential.getType(), "createdAt",
							(credential.getCreatedDate() != null)
									? Instant.ofEpochMilli(credential.getCreatedDate()).toString() : ""))
					.toList()));
		return identity;
	}

	private void deleteAccount(TenantDefinition tenant, String userId) {
		keycloak(() -> {
			try (Response response = realm(tenant).users().delete(userId)) {
				if (response.getStatus() != 204 && response.getStatus() != 404) {
					throw new IllegalStateException(
							"Keycloak refused to delete account " + userId + ": HTTP " + response.getStatus());
				}
			}
			return null;
		});
	}

	private static List<UUID> registrationIds(UserRepresentation user) {
		List<String> values = (user.getAttributes() != null)
				? user.getAttributes().getOrDefault(CitizenAccounts.REGISTRATION_ID, List.of()) : List.of();
		List<UUID> ids = new ArrayList<>();
		for (String value : values) {
			try {
				ids.add(UUID.fromString(value));
			}
			catch (IllegalArgumentException ex) {
				// not one of ours: no draft to find with it
			}
		}
		return ids;
	}

	private static CitizenSummary summary(UserRepresentation user, CitizenData.@Nullable Records records) {
		Instant created = (user.getCreatedTimestamp() != null) ? Instant.ofEpochMilli(user.getCreatedTimestamp())
				: null;
		return new CitizenSummary(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(),
				user.getLastName(), Boolean.TRUE.equals(user.isEnabled()), created,
				(records != null) ? records.registrationState() : null, records != null && records.hasProfile());
	}

	private static Source source(String section) {
		return CitizenTables.SOURCES.stream()
			.filter((source) -> source.section().equals(section))
			.findFirst()
			.orElseThrow();
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private RealmResource realm(TenantDefinition tenant) {
		return this.clusters.forTenant(tenant).realm(tenant.realm());
	}

	private <T> T transactional(TenantDefinition tenant, Callable<T> work) {
		try {
			return TenantContext.callAs(tenant.id(), () -> this.transaction.execute((status) -> {
				try {
					return work.call();
				}
				catch (RuntimeException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static <T> T keycloak(Callable<T> work) {
		try {
			return work.call();
		}
		catch (ProcessingException | ServerErrorException ex) {
			throw new IdentityUnavailableException("Keycloak unavailable: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
