package fr.espacecommun.api.internal;

import java.util.List;

import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.web.CurrentTenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The platform operators' API, on the platform host only; security requires role
 * {@code operator} of the operators' realm. It shows tenants, never citizens.
 */
@RestController
@Tag(name = "platform", description = "Platform operators, on the platform host")
class PlatformApi {

	private final TenantRegistry registry;

	PlatformApi(TenantRegistry registry) {
		this.registry = registry;
	}

	/** {@code GET /api/platform/tenants}: every tenant of the registry, by id. */
	@GetMapping("/api/platform/tenants")
	@Operation(summary = "Every tenant of the registry, by id",
			description = "Id, name, status and Keycloak cluster; never a citizen's data. Role operator.")
	List<TenantRow> tenants(HttpServletRequest request) {
		if (!CurrentTenant.isPlatform(request)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return this.registry.findAll().stream().map(TenantRow::of).toList();
	}

	/**
	 * One tenant as operators see it in the API.
	 *
	 * @param id tenant id
	 * @param name the commune's official name
	 * @param status where provisioning stands
	 * @param keycloakCluster the Keycloak cluster holding its realm
	 */
	record TenantRow(String id, String name, TenantStatus status, String keycloakCluster) {

		static TenantRow of(TenantRegistration registration) {
			return new TenantRow(registration.id(), registration.name(), registration.status(),
					registration.keycloakCluster());
		}

	}

}
