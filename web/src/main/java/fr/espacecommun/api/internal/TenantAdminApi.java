package fr.espacecommun.api.internal;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The commune staff's API, on the commune's own host; security requires role
 * {@code tenant-admin} of the host's realm.
 */
@RestController
@Tag(name = "admin", description = "A commune's staff, on the commune's own host")
class TenantAdminApi {

	/** {@code GET /api/admin/tenant}: the commune this host serves. */
	@GetMapping("/api/admin/tenant")
	@Operation(summary = "The commune this host serves", description = "Role tenant-admin of the host's realm.")
	TenantSummary tenant(HttpServletRequest request) {
		TenantDefinition tenant = CurrentTenant.of(request)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return new TenantSummary(tenant.id(), tenant.name(), tenant.portalName());
	}

	/**
	 * A commune as its staff see it in the API.
	 *
	 * @param id tenant id
	 * @param name the commune's official name
	 * @param portalName the portal's name shown to citizens
	 */
	record TenantSummary(String id, String name, String portalName) {
	}

}
