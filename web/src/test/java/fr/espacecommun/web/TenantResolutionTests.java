package fr.espacecommun.web;

import java.util.List;

import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The Host header picks the tenant; each commune's pages show only its own identity. */
@SpringBootTest
@AutoConfigureMockMvc
class TenantResolutionTests {

	private static final List<String> TENANTS = List.of("fresnes", "velizy", "villennes", "ccve", "ccplm");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantCatalog catalog;

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "velizy", "villennes", "ccve", "ccplm" })
	void homeWhenTenantHostThenShowsItsOwnNameBrandingAndContactAndNobodyElses(String id) throws Exception {
		TenantDefinition tenant = this.catalog.byId(id).orElseThrow();
		MvcResult result = this.mvc.perform(get("/").with(host(id + ".localhost", 8080))).andReturn();
		String page = HtmlUtils.htmlUnescape(result.getResponse().getContentAsString());
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(page).contains(tenant.portalName(), tenant.name(), tenant.contact().email(),
				tenant.contact().phone(), "Créer mon espace", "Mon espace", "/branding/logo", "/branding/theme.css",
				tenant.branding().logoAlt());
		for (String otherId : TENANTS) {
			if (!otherId.equals(id)) {
				TenantDefinition other = this.catalog.byId(otherId).orElseThrow();
				assertThat(page).doesNotContain(other.name(), other.portalName());
				if (!other.contact().email().isEmpty()) {
					assertThat(page).doesNotContain(other.contact().email());
				}
			}
		}
	}

	@Test
	void homeWhenEveryDeclaredHostThenSameTenant() throws Exception {
		for (TenantDefinition tenant : this.catalog.all()) {
			for (String host : tenant.hosts()) {
				String page = HtmlUtils.htmlUnescape(this.mvc.perform(get("/").with(host(host.toUpperCase(), 443)))
					.andReturn()
					.getResponse()
					.getContentAsString());
				assertThat(page).as(host).contains(tenant.name());
			}
		}
	}

	@Test
	void homeWhenUnknownHostThenNotFoundNamingNoTenant() throws Exception {
		MvcResult result = this.mvc.perform(get("/").with(host("inconnue.localhost", 8080))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(404);
		String page = HtmlUtils.htmlUnescape(result.getResponse().getContentAsString());
		assertThat(page).contains("Page introuvable");
		for (TenantDefinition tenant : this.catalog.all()) {
			assertThat(page).doesNotContain(tenant.name(), tenant.portalName(), tenant.id());
		}
	}

	@Test
	void anyPathWhenUnknownHostThenNotFound() throws Exception {
		assertThat(this.mvc.perform(get("/branding/logo").with(host("fresnes.example.org", 80)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(this.mvc.perform(get("/inscription").with(host("evil.localhost", 80)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void themeWhenTenantHostThenItsOwnColour() throws Exception {
		for (TenantDefinition tenant : this.catalog.all()) {
			String css = this.mvc.perform(get("/branding/theme.css").with(host(tenant.hosts().get(0), 8080)))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(css).contains("--brand: " + tenant.branding().primaryColor());
		}
	}

	@Test
	void logoWhenTenantHostThenItsOwnSvg() throws Exception {
		MvcResult result = this.mvc.perform(get("/branding/logo").with(host("ccplm.localhost", 8080))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentType()).startsWith("image/svg+xml");
		assertThat(result.getResponse().getContentAsString()).contains("<svg");
	}

	@Test
	void platformHostWhenHomeThenListsPortalsWithoutTenantContext() throws Exception {
		MvcResult result = this.mvc.perform(get("/").with(host("localhost", 8080))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).contains("http://fresnes.localhost:8080/");
	}

	@Test
	void healthWhenRunningThenDatabaseAndKeycloakUp() throws Exception {
		MvcResult result = this.mvc.perform(get("/actuator/health").with(host("localhost", 8080))).andReturn();
		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(body).contains("\"db\"", "\"keycloak\"").doesNotContain("DOWN");
	}

	/**
	 * The probes a load balancer reads: readiness depends on the database only, so a
	 * Keycloak cluster or SMTP outage never takes every commune offline; those parts have
	 * their own group.
	 */
	@Test
	void probesWhenRunningThenReadinessOnTheDatabaseAloneAndDependenciesApart() throws Exception {
		MvcResult liveness = this.mvc.perform(get("/actuator/health/liveness").with(host("localhost", 8080)))
			.andReturn();
		MvcResult readiness = this.mvc.perform(get("/actuator/health/readiness").with(host("localhost", 8080)))
			.andReturn();
		MvcResult dependencies = this.mvc.perform(get("/actuator/health/dependencies").with(host("localhost", 8080)))
			.andReturn();
		assertThat(liveness.getResponse().getStatus()).isEqualTo(200);
		assertThat(readiness.getResponse().getStatus()).isEqualTo(200);
		assertThat(readiness.getResponse().getContentAsString()).contains("\"db\"", "\"readinessState\"")
			.doesNotContain("\"keycloak\"", "\"mail\"");
		assertThat(dependencies.getResponse().getContentAsString()).contains("\"keycloak\"", "\"mail\"")
			.doesNotContain("\"db\"");
	}

	private static RequestPostProcessor host(String name, int port) {
		return (request) -> {
			request.setServerName(name);
			request.setServerPort(port);
			return request;
		};
	}

}
