package fr.espacecommun.citizen;

import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The citizen's own space, after signing in through the commune's realm. */
@Controller
class MonEspaceController {

	/** Starts the sign-in through the host's own realm. */
	@GetMapping("/connexion")
	String login(HttpServletRequest request) {
		return CurrentTenant.of(request)
			.map((tenant) -> "redirect:/oauth2/authorization/" + tenant.id())
			.orElse("redirect:/");
	}

	@GetMapping("/mon-espace")
	String monEspace(@AuthenticationPrincipal OidcUser user, Model model) {
		model.addAttribute("username", user.getPreferredUsername());
		model.addAttribute("fullName", user.getFullName());
		model.addAttribute("email", user.getEmail());
		return "citizen/mon-espace";
	}

}
