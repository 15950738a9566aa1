package fr.espacecommun.accountimport;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.espacecommun.accountimport.internal.AccountImportRow;
import fr.espacecommun.accountimport.internal.AccountImportRowRepository;
import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import org.jspecify.annotations.Nullable;
import org.mapstruct.Mapper;
import org.mapstruct.ReportingPolicy;
import org.mapstruct.factory.Mappers;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The lines of staff imports that name a citizen (names, e-mail), for the citizen's data
 * rights. Runs in the caller's transaction, opened for the tenant.
 */
public class ImportHoldings {

	private static final Lines mapper = Mappers.getMapper(Lines.class);

	private final AccountImportRowRepository rows;

	public ImportHoldings(AccountImportRowRepository rows) {
		this.rows = rows;
	}

	/** The import lines that created or found the citizen's account. */
	public List<Line> lines(String userId) {
		return this.rows.findByKeycloakUserIdOrderByLine(userId).stream().map(mapper::line).toList();
	}

	/** Deletes those lines. */
	public int delete(String userId) {
		return this.rows.deleteByUser(userId);
	}

	/** A row of {@code account_import_row}; keys and reasons as the JSON text kept. */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Line(UUID importId, int line, @Nullable String lastName, @Nullable String firstNames,
			@Nullable String email, @Nullable String serviceKeys, RowStatus status, @Nullable String reasons,
			@Nullable String keycloakUserId, @Nullable String username, @Nullable Instant processedAt) {
	}

	/** Rows to their export, every column (the build checks). */
	@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.ERROR)
	interface Lines {

		Line line(AccountImportRow row);

	}

}
