package fr.espacecommun.api.internal;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the REST API, served at {@code /v3/api-docs}. It names no
 * tenant: the server is the host the API is called on, and the bearer token comes from
 * that host's realm.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String BEARER = "bearer";

	@Bean
	OpenAPI espaceCommunApi() {
		return new OpenAPI().info(new Info().title("Espace Commun API").version("1").description("""
				Commune staff (`/api/admin/**`, on the commune's own host, role `tenant-admin` of \
				that commune's realm) and platform operators (`/api/platform/**`, on the platform \
				host, role `operator` of the operators' realm). A token of another realm than the \
				host's is refused with 401, a token without the role with 403."""))
			// relative: the same description on every host, naming none
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("Access token of the host's realm (Keycloak)")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
