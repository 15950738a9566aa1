package fr.espacecommun.platform.web;

import java.util.Comparator;

import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operators' page ({@code /platform}), on the platform host only; Spring Security has
 * checked the role {@code operator} of the {@code platform} realm. Shows no citizen data.
 */
@Controller
class PlatformController {

	private final TenantRegistry registry;

	PlatformController(TenantRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/platform")
	String tenants(Model model) {
		model.addAttribute("tenants",
				this.registry.findAll().stream().sorted(Comparator.comparing(TenantRegistration::id)).toList());
		return "platform/tenants";
	}

}
