package fr.espacecommun.registration.internal;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import fr.espacecommun.PlatformTestApplication;
import fr.espacecommun.tenancy.TenantSchemaMigrator;
import fr.espacecommun.tenant.FieldCatalog;
import fr.espacecommun.tenant.FieldCatalog.CitizenField;
import fr.espacecommun.testsupport.SharedPostgres;
import jakarta.persistence.Column;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field registry ({@link FieldCatalog}) against what stores and exports a citizen's
 * profile: the entity's attributes (named by field id), the table Liquibase creates, and
 * the export's names. A field added in one place and not the others fails here.
 */
@SpringBootTest(classes = PlatformTestApplication.class, properties = "spring.jpa.open-in-view=false")
class FieldRegistryTests {

	/** Columns every profile row has, beside the fields. */
	private static final Set<String> ROW_COLUMNS = Set.of("id", "keycloak_user_id", "created_at", "updated_at",
			"account_type");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		SharedPostgres.registerDataSource(registry);
	}

	@Autowired
	private TenantSchemaMigrator migrator;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void profileEntityWhenReadThenOneAttributePerRegistryProfileFieldOnItsColumn() {
		Set<String> columns = new TreeSet<>();
		Set<String> ids = new TreeSet<>();
		for (Field attribute : ProfileFields.class.getDeclaredFields()) {
			Column column = attribute.getAnnotation(Column.class);
			ids.add(attribute.getName());
			columns.add((column != null) ? column.name() : attribute.getName());
		}
		assertThat(ids).containsExactlyInAnyOrderElementsOf(registry(CitizenField::id));
		assertThat(columns).containsExactlyInAnyOrderElementsOf(registry(CitizenField::column));
	}

	@Test
	void profileTableWhenMigratedThenItsColumnsAreTheRegistrysAndTheRows() {
		String tenant = "registry" + Long.toString(System.nanoTime(), 36);
		this.migrator.migrate(tenant);
		List<String> columns = this.jdbc
			.sql("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")
			.params("t_" + tenant, "citizen_profile")
			.query(String.class)
			.list();
		Set<String> fields = new TreeSet<>(columns);
		fields.removeAll(ROW_COLUMNS);
		assertThat(columns).containsAll(ROW_COLUMNS);
		assertThat(fields).containsExactlyInAnyOrderElementsOf(registry(CitizenField::column));
	}

	@Test
	void profileExportWhenReadThenEachRegistryFieldUnderItsExportName() {
		Set<String> names = Arrays.stream(RegistrationExports.Profile.class.getRecordComponents())
			.map(RecordComponent::getName)
			.map((name) -> name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT))
			.collect(Collectors.toCollection(TreeSet::new));
		names.removeAll(ROW_COLUMNS);
		assertThat(names).containsExactlyInAnyOrderElementsOf(registry(CitizenField::exportName));
	}

	private static List<String> registry(java.util.function.Function<CitizenField, String> value) {
		return FieldCatalog.profileFields().stream().map(value).toList();
	}

}
