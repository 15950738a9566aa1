package fr.espacecommun.tenancy.internal;

import fr.espacecommun.tenancy.TenantContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TenantContextTests {

	@AfterEach
	void clear() {
		TenantContext.clear();
	}

	@Test
	void tenantWhenSetThenReadableAndInLogContext() {
		TenantContext.set("villennes");

		assertThat(TenantContext.getRequiredTenantId()).isEqualTo("villennes");
		assertThat(TenantContext.getTenantId()).hasValue("villennes");
		assertThat(MDC.get("tenant")).isEqualTo("villennes");
	}

	@Test
	void tenantWhenClearedThenGoneFromContextAndLogs() {
		TenantContext.set("villennes");
		TenantContext.clear();

		assertThat(TenantContext.getTenantId()).isEmpty();
		assertThat(MDC.get("tenant")).isNull();
		assertThatIllegalStateException().isThrownBy(TenantContext::getRequiredTenantId)
			.withMessageContaining("No tenant set");
	}

	@Test
	void secondTenantWhenFirstStillSetThenRefused() {
		TenantContext.set("fresnes");

		assertThatIllegalStateException().isThrownBy(() -> TenantContext.set("velizy"))
			.withMessageContaining("fresnes");
		assertThat(TenantContext.getRequiredTenantId()).isEqualTo("fresnes");
	}

	@Test
	void tenantIdWhenNotASafeSchemaNameThenRefused() {
		for (String invalid : new String[] { "Fresnes", "1commune", "a-b", "a;drop schema platform", "", "_x",
				"a".repeat(62) }) {
			assertThatIllegalArgumentException().as(invalid).isThrownBy(() -> TenantContext.set(invalid));
		}
		assertThat(TenantContext.getTenantId()).isEmpty();
		assertThat(TenantContext.isValidId("ccve")).isTrue();
		assertThat(TenantContext.isValidId("saint_cyr78")).isTrue();
	}

	@Test
	void callAsWhenDoneThenPreviousTenantRestored() throws Exception {
		assertThat(TenantContext.callAs("ccve", TenantContext::getRequiredTenantId)).isEqualTo("ccve");
		assertThat(TenantContext.getTenantId()).isEmpty();

		TenantContext.set("fresnes");
		TenantContext.runAs("ccplm", () -> assertThat(MDC.get("tenant")).isEqualTo("ccplm"));
		assertThat(TenantContext.getRequiredTenantId()).isEqualTo("fresnes");
		assertThat(MDC.get("tenant")).isEqualTo("fresnes");
	}

	@Test
	void runAsWhenWorkFailsThenTenantStillRestored() {
		assertThatIllegalStateException().isThrownBy(() -> TenantContext.runAs("ccve", () -> {
			throw new IllegalStateException("boom");
		}));
		assertThat(TenantContext.getTenantId()).isEmpty();
		assertThat(MDC.get("tenant")).isNull();
	}

	@Test
	void schemaWhenNoTenantThenPlatformElseTenantSchema() {
		assertThat(SchemaPerTenantConnectionProvider.schemaOf(TenantIdentifierResolver.NO_TENANT))
			.isEqualTo("platform");
		assertThat(SchemaPerTenantConnectionProvider.schemaOf("velizy")).isEqualTo("t_velizy");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SchemaPerTenantConnectionProvider.schemaOf("velizy\"; drop"));
		assertThat(new TenantIdentifierResolver().resolveCurrentTenantIdentifier())
			.isEqualTo(TenantIdentifierResolver.NO_TENANT);
		TenantContext.runAs("velizy",
				() -> assertThat(new TenantIdentifierResolver().resolveCurrentTenantIdentifier()).isEqualTo("velizy"));
	}

}
