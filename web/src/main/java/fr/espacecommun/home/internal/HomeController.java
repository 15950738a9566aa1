package fr.espacecommun.home.internal;

import java.util.Comparator;

import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each commune's home page, and the platform's own landing page. */
@Controller
class HomeController {

	private final TenantCatalog catalog;

	HomeController(TenantCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/")
	String home(HttpServletRequest request, Model model) {
		if (CurrentTenant.of(request).isPresent()) {
			return "home/tenant";
		}
		String port = (request.getServerPort() == 80 || request.getServerPort() == 443) ? ""
				: ":" + request.getServerPort();
		model.addAttribute("portals",
				this.catalog.all()
					.stream()
					.sorted(Comparator.comparing(TenantDefinition::name))
					.map((tenant) -> new PortalLink(tenant.name() + " – " + tenant.portalName(),
							request.getScheme() + "://" + tenant.hosts().get(0) + port + "/"))
					.toList());
		return "home/platform";
	}

	/** A commune's portal as listed on the platform's landing page. */
	record PortalLink(String label, String url) {
	}

}
