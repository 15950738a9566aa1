package fr.espacecommun.platform.web;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import fr.espacecommun.onboarding.OnboardingPlan;
import fr.espacecommun.platform.internal.TenantSuspension;
import fr.espacecommun.security.StaffMember;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenancy.TenantRegistration;
import fr.espacecommun.tenancy.TenantRegistry;
import fr.espacecommun.tenancy.TenantStatus;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' page ({@code /platform}), on the platform host only; Spring Security has
 * checked the role {@code operator} of the {@code platform} realm. Lists every tenant of
 * the registry with its status, refused files, Keycloak cluster, hosts and last applied
 * plan; suspends and resumes a commune. Shows no citizen data.
 */
@Controller
class PlatformController {

	private final TenantRegistry registry;

	private final TenantCatalog catalog;

	private final TenantSuspension suspension;

	PlatformController(TenantRegistry registry, TenantCatalog catalog, TenantSuspension suspension) {
		this.registry = registry;
		this.catalog = catalog;
		this.suspension = suspension;
	}

	@GetMapping("/platform")
	String tenants(Model model) {
		model.addAttribute("tenants", this.registry.findAll().stream().map(this::view).toList());
		return "platform/tenants";
	}

	@PostMapping("/platform/communes/{id}/suspension")
	String suspend(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		TenantDefinition tenant = served(id);
		boolean changed = this.suspension.suspend(tenant.id(), StaffMember.name(authentication));
		return notice(redirect, changed ? "suspended" : "alreadySuspended", tenant);
	}

	@PostMapping("/platform/communes/{id}/reprise")
	String resume(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		TenantDefinition tenant = served(id);
		boolean changed = this.suspension.resume(tenant.id(), StaffMember.name(authentication));
		return notice(redirect, changed ? "resumed" : "notSuspended", tenant);
	}

	/**
	 * A commune served from a good definition: only those have a schema for their audit
	 * log, and pages to close.
	 */
	private TenantDefinition served(String id) {
		if (!TenantContext.isValidId(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return this.catalog.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static String notice(RedirectAttributes redirect, String key, TenantDefinition tenant) {
		redirect.addFlashAttribute("noticeKey", "platform.admin.notice." + key);
		redirect.addFlashAttribute("noticeName", tenant.name());
		return "redirect:/platform";
	}

	private TenantView view(TenantRegistration row) {
		return new TenantView(row.id(), row.name(), row.status(), row.keycloakCluster(), row.hosts(), row.lastError(),
				row.pendingError(), OnboardingPlan.decode(row.lastPlan()),
				(row.lastPlanAt() != null) ? FrenchDates.shortDateTime(row.lastPlanAt()) : null,
				this.catalog.byId(row.id()).isPresent(), missingFile(row.id()));
	}

	/**
	 * The name of the file a served commune came from, when it is no longer in the
	 * tenants folder: the commune keeps being served (only an operator closes it).
	 */
	private @Nullable String missingFile(String id) {
		return this.catalog.byId(id)
			.map(TenantDefinition::source)
			.filter((file) -> !Files.exists(file))
			.map((file) -> file.getFileName().toString())
			.orElse(null);
	}

	/**
	 * One tenant as operators see it.
	 *
	 * @param id tenant id
	 * @param name the commune's name (its id while no file of it was ever accepted)
	 * @param status where it stands
	 * @param cluster its Keycloak cluster (empty while unknown)
	 * @param hosts its host names
	 * @param lastError why its only file was refused, or its provisioning failed
	 * @param pendingError the first error of a refused edit, while it keeps serving
	 * @param plan the steps of the last applied change
	 * @param planAt when that change was applied, for people
	 * @param served whether a good definition of it is served (it can be suspended)
	 * @param missingFile the name of its file, served although the file was deleted
	 */
	record TenantView(String id, String name, TenantStatus status, String cluster, List<String> hosts,
			@Nullable String lastError, @Nullable String pendingError, List<OnboardingPlan.Step> plan,
			@Nullable String planAt, boolean served, @Nullable String missingFile) {

		public boolean suspended() {
			return this.status == TenantStatus.SUSPENDED;
		}

	}

}
