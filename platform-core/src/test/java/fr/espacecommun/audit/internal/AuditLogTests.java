package fr.espacecommun.audit.internal;

import java.util.UUID;

import fr.espacecommun.PlatformTestApplication;
import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantSchemaMigrator;
import fr.espacecommun.testsupport.SharedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = PlatformTestApplication.class)
class AuditLogTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		SharedPostgres.registerDataSource(registry);
	}

	@Autowired
	private AuditLog log;

	@Autowired
	private TenantSchemaMigrator migrator;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void recordWhenAdminChangesPolicyThenEntrySaysWhoWhatBeforeAfterWhenAndTenant() throws Exception {
		String tenant = "audit" + UUID.randomUUID().toString().substring(0, 6);
		this.migrator.migrate(tenant);
		TenantContext.runAs(tenant, () -> this.log.record("admin-" + tenant, "password-policy.changed", null,
				"{\"minLength\":8}", "{\"minLength\":12}"));

		AuditEntry entry = TenantContext.callAs(tenant, () -> this.log.page(0, 10).getContent().get(0));
		assertThat(entry.getActor()).isEqualTo("admin-" + tenant);
		assertThat(entry.getTenantId()).isEqualTo(tenant);
		assertThat(entry.getAction()).isEqualTo("password-policy.changed");
		assertThat(entry.getBefore()).isEqualTo("{\"minLength\":8}");
		assertThat(entry.getAfter()).isEqualTo("{\"minLength\":12}");
		assertThat(entry.getAt()).isNotNull();
	}

	@Test
	void auditEntryWhenUpdatedOrDeletedThenDatabaseRefuses() {
		String tenant = "audit" + UUID.randomUUID().toString().substring(0, 6);
		this.migrator.migrate(tenant);
		TenantContext.runAs(tenant, () -> this.log.record("admin-" + tenant, "terms.published", "v2", "v1", "v2"));
		String table = "t_" + tenant + ".audit_entry";

		assertThatThrownBy(() -> this.jdbc.sql("UPDATE " + table + " SET actor = 'someone-else'").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM " + table).update()).hasMessageContaining("append-only");
		assertThat(this.jdbc.sql("SELECT actor FROM " + table).query(String.class).list())
			.containsExactly("admin-" + tenant);
	}

}
