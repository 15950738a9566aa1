package fr.espacecommun.activation.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import fr.espacecommun.activation.internal.ApprovalQueue;
import fr.espacecommun.activation.internal.ApprovalQueue.Decision;
import fr.espacecommun.activation.internal.ApprovalQueue.PendingAccount;
import fr.espacecommun.activation.internal.ApprovalQueue.UnknownAccountException;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.security.StaffMember;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ActivationMode;
import fr.espacecommun.web.CurrentTenant;
import fr.espacecommun.wizard.FieldRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff's activation queue ({@code /admin/comptes}): the host commune's accounts
 * awaiting approval, earliest deadline first, overdue ones said so; approve, or reject
 * with a reason. An id of another commune's account is not found here (404).
 */
@Controller
@RequestMapping("/admin/comptes")
class ApprovalQueueController {

	private static final Pattern USER_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final ApprovalQueue queue;

	private final MessageSource messages;

	ApprovalQueueController(ApprovalQueue queue, MessageSource messages) {
		this.queue = queue;
		this.messages = messages;
	}

	@GetMapping
	String list(HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		List<Row> rows = this.queue.pending(tenant).stream().map(ApprovalQueueController::row).toList();
		model.addAttribute("rows", rows);
		model.addAttribute("overdueCount", rows.stream().filter(Row::overdue).count());
		model.addAttribute("manualApproval", tenant.activation().mode() == ActivationMode.MANUAL_APPROVAL);
		model.addAttribute("deadlineHours", tenant.activation().approvalDeadlineBusinessHours());
		return "admin/comptes";
	}

	@PostMapping("/{id}/activation")
	String approve(@PathVariable String id, HttpServletRequest request, Authentication authentication,
			RedirectAttributes redirect) {
		TenantDefinition tenant = tenant(request);
		PendingAccount account = known(tenant, id);
		Decision decision = this.queue.approve(tenant, account.userId(), StaffMember.name(authentication));
		redirect.addFlashAttribute("notice",
				(decision == Decision.DECIDED) ? text("admin.accounts.approved", account.fullName(), account.username())
						: text("admin.accounts.alreadyDecided", account.username()));
		return "redirect:/admin/comptes";
	}

	@GetMapping("/{id}/refus")
	String rejectForm(@PathVariable String id, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		PendingAccount account = known(tenant(request), id);
		if (!account.awaitingApproval()) {
			redirect.addFlashAttribute("notice", text("admin.accounts.alreadyDecided", account.username()));
			return "redirect:/admin/comptes";
		}
		return rejectPage(account, "", null, model);
	}

	@PostMapping("/{id}/refus")
	String reject(@PathVariable String id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
			HttpServletResponse response, Authentication authentication, Model model, RedirectAttributes redirect) {
		TenantDefinition tenant = tenant(request);
		PendingAccount account = known(tenant, id);
		String error = null;
		if (reason.isBlank()) {
			error = text("admin.accounts.reject.reasonRequired");
		}
		else if (reason.strip().length() > ApprovalQueue.REASON_MAX_LENGTH) {
			error = text("admin.accounts.reject.reasonTooLong", ApprovalQueue.REASON_MAX_LENGTH);
		}
		else if (FieldRules.hasControlCharacters(reason.replaceAll("[\\r\\n\\t]", ""))) {
			// line breaks are the reason's paragraphs; NUL and the like cannot be stored
			// nor mailed
			error = text("admin.accounts.reject.reasonControl");
		}
		if (error != null && account.awaitingApproval()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return rejectPage(account, reason, error, model);
		}
		Decision decision = account.awaitingApproval()
				? this.queue.reject(tenant, account.userId(), StaffMember.name(authentication), reason)
				: Decision.ALREADY_DECIDED;
		redirect.addFlashAttribute("notice",
				(decision == Decision.DECIDED) ? text("admin.accounts.rejected", account.fullName(), account.username())
						: text("admin.accounts.alreadyDecided", account.username()));
		return "redirect:/admin/comptes";
	}

	@ExceptionHandler(UnknownAccountException.class)
	String unknown(HttpServletRequest request, HttpServletResponse response, Model model) {
		// exception handlers get an empty model: the layout needs the commune
		model.addAttribute("tenant", tenant(request));
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		return "admin/compte-inconnu";
	}

	@ExceptionHandler(IdentityUnavailableException.class)
	String unavailable(RedirectAttributes redirect) {
		redirect.addFlashAttribute("failure", text("admin.accounts.unavailable"));
		return "redirect:/admin/comptes";
	}

	private String rejectPage(PendingAccount account, String reason, @Nullable String error, Model model) {
		model.addAttribute("account", row(account));
		model.addAttribute("reason", reason);
		model.addAttribute("error", error);
		model.addAttribute("reasonMaxLength", ApprovalQueue.REASON_MAX_LENGTH);
		return "admin/compte-refus";
	}

	/** The host commune's account with this id; another commune's is unknown here. */
	private PendingAccount known(TenantDefinition tenant, String id) {
		if (!USER_ID.matcher(id).matches()) {
			throw new UnknownAccountException(id);
		}
		return this.queue.account(tenant, id).orElseThrow(() -> new UnknownAccountException(id));
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, Locale.FRENCH);
	}

	private static TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static Row row(PendingAccount account) {
		Instant deadline = account.deadline();
		return new Row(account.userId(), account.fullName().isEmpty() ? "—" : account.fullName(), account.username(),
				account.email(), FrenchDates.dateTime(account.submittedAt()), account.submittedAt().toString(),
				(deadline != null) ? FrenchDates.dateTime(deadline) : "—",
				(deadline != null) ? deadline.toString() : null, account.overdue());
	}

	/**
	 * One account as the page shows it.
	 *
	 * @param id the Keycloak user id
	 * @param name the citizen's names
	 * @param username the username
	 * @param email the e-mail address
	 * @param submittedAt when submitted, in French
	 * @param submittedAtIso the same, ISO-8601 for {@code <time datetime>}
	 * @param deadline the deadline, in French
	 * @param deadlineIso the same, ISO-8601
	 * @param overdue whether the deadline has passed
	 */
	record Row(String id, String name, String username, String email, String submittedAt, String submittedAtIso,
			String deadline, @Nullable String deadlineIso, boolean overdue) {
	}

}
