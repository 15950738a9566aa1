package fr.espacecommun.activation;

import java.time.Instant;
import java.util.List;

import fr.espacecommun.activation.internal.ActivationToken;
import fr.espacecommun.activation.internal.ActivationTokenRepository;
import fr.espacecommun.activation.internal.PreProvisionedRow;
import fr.espacecommun.activation.internal.PreProvisionedRowRepository;
import org.jspecify.annotations.Nullable;
import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.ReportingPolicy;
import org.mapstruct.factory.Mappers;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A citizen's rows of the tables activation keeps, for the citizen's data rights: their
 * links (never the token's hash, a credential) and their pre-provisioning (never the
 * password's hash). Runs in the caller's transaction, opened for the tenant.
 */
public class ActivationHoldings {

	/** The column of {@code activation_token} the export leaves out. */
	public static final String TOKEN_HASH = "token_hash";

	/** The column of {@code pre_provisioned_account} the export leaves out. */
	public static final String PASSWORD_HASH = "password_hash";

	private static final Rows mapper = Mappers.getMapper(Rows.class);

	private final ActivationTokenRepository tokens;

	private final PreProvisionedRowRepository accounts;

	public ActivationHoldings(ActivationTokenRepository tokens, PreProvisionedRowRepository accounts) {
		this.tokens = tokens;
		this.accounts = accounts;
	}

	/** The citizen's activation links, oldest first. */
	public List<Link> links(String userId) {
		return this.tokens.findByKeycloakUserIdOrderByCreatedAt(userId).stream().map(mapper::link).toList();
	}

	/** The account the commune created for the citizen, if it did. */
	public List<PreProvisioned> preProvisioning(String userId) {
		return this.accounts.findByKeycloakUserIdOrderByCreatedAt(userId).stream().map(mapper::preProvisioned).toList();
	}

	/** Deletes the citizen's links. */
	public int deleteLinks(String userId) {
		return this.tokens.deleteByUser(userId);
	}

	/** Deletes the citizen's pre-provisioning row. */
	public int deletePreProvisioning(String userId) {
		return this.accounts.deleteByUser(userId);
	}

	/** A row of {@code activation_token}, without the token's hash. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Link(String keycloakUserId, String purpose, Instant createdAt, Instant expiresAt,
			@Nullable Instant usedAt) {
	}

	/** A row of {@code pre_provisioned_account}, without the password's hash. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record PreProvisioned(String keycloakUserId, String generatedUsername, Instant createdAt,
			@Nullable Instant personalisedAt, @Nullable Instant credentialsChosenAt) {
	}

	/** Rows to their export, each column but the withheld secrets (the build checks). */
	@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.ERROR)
	interface Rows {

		@BeanMapping(ignoreUnmappedSourceProperties = "tokenHash")
		Link link(ActivationToken token);

		@BeanMapping(ignoreUnmappedSourceProperties = "passwordHash")
		PreProvisioned preProvisioned(PreProvisionedRow row);

	}

}
