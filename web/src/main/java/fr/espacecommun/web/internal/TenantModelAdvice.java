package fr.espacecommun.web.internal;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the request's tenant, for its name, branding and contact. */
@ControllerAdvice
class TenantModelAdvice {

	@ModelAttribute("tenant")
	TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request).orElse(null);
	}

}
