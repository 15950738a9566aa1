package fr.espacecommun.admin.web;

import fr.espacecommun.audit.AuditLog;
import fr.espacecommun.security.StaffMember;

import org.springframework.data.domain.Page;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The commune staff's home ({@code /admin}) and their audit log ({@code /admin/journal}),
 * on the commune's own host; Spring Security has checked the role {@code tenant-admin} of
 * the host's realm.
 */
@Controller
class AdminHomeController {

	private static final int PAGE_SIZE = 50;

	private final AuditLog auditLog;

	AdminHomeController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/admin")
	String home(Authentication authentication, Model model) {
		model.addAttribute("staffName", StaffMember.name(authentication));
		return "admin/home";
	}

	@GetMapping("/admin/journal")
	String journal(@RequestParam(defaultValue = "0") int page, Model model) {
		Page<?> entries = this.auditLog.page(Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("entries", entries);
		return "admin/journal";
	}

}
