package fr.espacecommun.servicekey.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import fr.espacecommun.csv.CsvRefusedException;
import fr.espacecommun.csv.CsvUpload;
import fr.espacecommun.csv.Reason;
import fr.espacecommun.security.StaffMember;
import fr.espacecommun.servicekey.internal.ServiceKeyRegistry;
import fr.espacecommun.servicekey.internal.ServiceKeyRegistry.Counts;
import fr.espacecommun.servicekey.internal.ServiceKeyRegistry.ImportResult;
import fr.espacecommun.servicekey.internal.ServiceKeyRegistry.RegistryKey;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.TenantDefinition.ServiceKeyDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The commune's service key registry ({@code /admin/cles}): import the back office's keys
 * from CSV, see each key and whether a citizen's account holds it. Communes without
 * service keys have no such page.
 */
@Controller
class ServiceKeyController {

	private static final int PAGE_SIZE = 100;

	private final ServiceKeyRegistry registry;

	private final MessageSource messages;

	ServiceKeyController(ServiceKeyRegistry registry, MessageSource messages) {
		this.registry = registry;
		this.messages = messages;
	}

	@GetMapping("/admin/cles")
	String page(@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
		return page(tenant(request), Math.max(page, 0), model, null);
	}

	@GetMapping("/admin/cles/exemple.csv")
	ResponseEntity<byte[]> example(HttpServletRequest request) {
		TenantDefinition tenant = tenant(request);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("cles-" + tenant.id() + ".csv").build().toString())
			.body(ServiceKeyRegistry.exampleFile(tenant));
	}

	@PostMapping("/admin/cles")
	String upload(@RequestParam(name = "fichier", required = false) @Nullable MultipartFile file,
			HttpServletRequest request, HttpServletResponse response, Authentication authentication, Model model,
			RedirectAttributes redirect) throws IOException {
		TenantDefinition tenant = tenant(request);
		if (file == null
				|| file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(tenant, 0, model, Reason.of("csv.error.noFile"));
		}
		try {
			String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "";
			name = name.substring(Math.max(name.replace('\\', '/').lastIndexOf('/') + 1, 0)).replaceAll("\\p{Cc}", "");
			ImportResult result = this.registry.importFile(tenant, StaffMember.name(authentication), name,
					file.getInputStream(), file.getSize());
			redirect.addFlashAttribute("result", this.messages.getMessage("keys.result",
					new Object[] { result.added(), result.updated(), result.refused().size() }, Locale.FRENCH));
			redirect
				.addFlashAttribute("refused",
						result.refused()
							.stream()
							.map((line) -> this.messages.getMessage("import.detail.line", new Object[] { line.line(),
									line.reasons().stream().map(this::message).collect(Collectors.joining(" ")) },
									Locale.FRENCH))
							.toList());
			return "redirect:/admin/cles";
		}
		catch (CsvRefusedException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(tenant, 0, model, ex.reason());
		}
	}

	private String page(TenantDefinition tenant, int page, Model model, @Nullable Reason error) {
		Counts counts = this.registry.counts(tenant);
		List<KeyLine> keys = this.registry.keys(tenant, page * PAGE_SIZE, PAGE_SIZE)
			.stream()
			.map((key) -> line(tenant, key))
			.toList();
		model.addAttribute("counts", counts);
		model.addAttribute("keys", keys);
		model.addAttribute("page", page);
		model.addAttribute("hasNext", (long) (page + 1) * PAGE_SIZE < counts.total());
		model.addAttribute("services", tenant.serviceKeys());
		model.addAttribute("columns", ServiceKeyRegistry.columnNames());
		model.addAttribute("maxMegabytes", CsvUpload.MAX_BYTES / (1024 * 1024));
		model.addAttribute("fileError", (error != null) ? message(error) : null);
		return "admin/cles";
	}

	private KeyLine line(TenantDefinition tenant, RegistryKey key) {
		String service = tenant.serviceKeys()
			.stream()
			.filter((definition) -> definition.id().equals(key.serviceId()))
			.map(ServiceKeyDefinition::label)
			.findFirst()
			.orElse(key.serviceId());
		String linked = key.linked() && key.linkedAt() != null ? this.messages.getMessage("keys.linked.yes",
				new Object[] { FrenchDates.shortDate(key.linkedAt()) }, Locale.FRENCH)
				: this.messages.getMessage("keys.linked.no", null, Locale.FRENCH);
		return new KeyLine(service, key.value(), key.holderName(), key.linked(), linked);
	}

	private TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request)
			.filter((tenant) -> !tenant.serviceKeys().isEmpty())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String message(Reason reason) {
		return this.messages.getMessage(reason.key(), reason.args().toArray(), Locale.FRENCH);
	}

	/**
	 * A key as the page shows it.
	 *
	 * @param service the service's label
	 * @param value the key
	 * @param holder the holder's name, empty if none
	 * @param linked whether an account holds it
	 * @param linkedText "Oui, depuis le …" or "Non", in French
	 */
	record KeyLine(String service, String value, String holder, boolean linked, String linkedText) {
	}

}
