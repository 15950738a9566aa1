package fr.espacecommun.accountimport.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.espacecommun.accountimport.internal.AccountImports;
import fr.espacecommun.accountimport.internal.AccountImports.RowStatus;
import fr.espacecommun.accountimport.internal.ImportSummary;
import fr.espacecommun.accountimport.internal.RowView;
import fr.espacecommun.csv.CsvRefusedException;
import fr.espacecommun.csv.CsvUpload;
import fr.espacecommun.csv.Reason;
import fr.espacecommun.registration.RegistrationService.IdentityUnavailableException;
import fr.espacecommun.security.StaffMember;
import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.TenantDefinition;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The staff's import of pre-provisioned accounts, on the commune's own host: upload a CSV
 * file ({@code /admin/import}), read its preview, confirm, follow the progress of the
 * creation ({@code /admin/import/{id}}). Communes that do not create accounts themselves
 * have no such page.
 */
@Controller
class AccountImportController {

	private static final int LATEST = 20;

	private final AccountImports imports;

	private final MessageSource messages;

	AccountImportController(AccountImports imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping("/admin/import")
	String form(HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		return form(tenant, model, null);
	}

	@GetMapping("/admin/import/exemple.csv")
	ResponseEntity<byte[]> example(HttpServletRequest request) {
		TenantDefinition tenant = tenant(request);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("comptes-" + tenant.id() + ".csv").build().toString())
			.body(this.imports.exampleFile(tenant));
	}

	@PostMapping("/admin/import")
	String upload(@RequestParam(name = "fichier", required = false) @Nullable MultipartFile file,
			HttpServletRequest request, HttpServletResponse response, Authentication authentication, Model model)
			throws IOException {
		TenantDefinition tenant = tenant(request);
		if (file == null
				|| file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(tenant, model, Reason.of("csv.error.noFile"));
		}
		try {
			UUID id = this.imports.preview(tenant, StaffMember.name(authentication), file.getOriginalFilename(),
					file.getInputStream(), file.getSize());
			return "redirect:/admin/import/" + id;
		}
		catch (CsvRefusedException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(tenant, model, ex.reason());
		}
		catch (IdentityUnavailableException ex) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			return form(tenant, model, Reason.of("import.error.previewUnavailable"));
		}
	}

	@GetMapping("/admin/import/{id}")
	String show(@PathVariable String id, HttpServletRequest request, Model model) {
		TenantDefinition tenant = tenant(request);
		ImportSummary summary = find(tenant, id);
		List<RowView> rows = this.imports.rows(tenant, summary.id());
		model.addAttribute("summary", summary);
		model.addAttribute("uploadedAt", FrenchDates.shortDateTime(summary.uploadedAt()));
		model.addAttribute("rows", rows.stream().map(this::line).toList());
		model.addAttribute("refused",
				rows.stream().filter((row) -> row.status() == RowStatus.INVALID).map(this::line).toList());
		model.addAttribute("failed",
				rows.stream().filter((row) -> row.status() == RowStatus.FAILED).map(this::line).toList());
		model.addAttribute("progress", progressText(summary));
		model.addAttribute("serviceKeys", !tenant.serviceKeys().isEmpty());
		return "admin/import-detail";
	}

	@PostMapping("/admin/import/{id}/creer")
	String confirm(@PathVariable String id, HttpServletRequest request, Authentication authentication) {
		TenantDefinition tenant = tenant(request);
		ImportSummary summary = find(tenant, id);
		this.imports.confirm(tenant, summary.id(), StaffMember.name(authentication));
		return "redirect:/admin/import/" + summary.id();
	}

	/** The progress, polled by the page's script. */
	@GetMapping(path = "/admin/import/{id}/etat", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Progress progress(@PathVariable String id, HttpServletRequest request) {
		TenantDefinition tenant = tenant(request);
		ImportSummary summary = find(tenant, id);
		return new Progress(summary.state().name(), summary.count(RowStatus.CREATED), summary.toCreate(),
				progressText(summary));
	}

	private String form(TenantDefinition tenant, Model model, @Nullable Reason error) {
		model.addAttribute("columns", this.imports.columns(tenant));
		model.addAttribute("maxMegabytes", CsvUpload.MAX_BYTES / (1024 * 1024));
		model.addAttribute("maxRows", String.format(Locale.FRANCE, "%,d", CsvUpload.MAX_ROWS).replace('\u202f', ' '));
		model.addAttribute("latest",
				this.imports.latest(tenant, LATEST)
					.stream()
					.map((summary) -> new Past(summary, FrenchDates.shortDateTime(summary.uploadedAt())))
					.toList());
		model.addAttribute("fileError", (error != null) ? message(error) : null);
		return "admin/import";
	}

	private ImportSummary find(TenantDefinition tenant, String id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		// another commune's import is not in this commune's schema: 404 like any unknown
		// id
		return this.imports.find(tenant, uuid).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private TenantDefinition tenant(HttpServletRequest request) {
		return CurrentTenant.of(request)
			.filter(AccountImports::availableFor)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String progressText(ImportSummary summary) {
		return this.messages.getMessage("import.progress",
				new Object[] { summary.count(RowStatus.CREATED), summary.toCreate() }, Locale.FRENCH);
	}

	private Line line(RowView row) {
		String reasons = row.reasons().stream().map(this::message).collect(Collectors.joining(" "));
		String status = this.messages.getMessage("import.status." + row.status().name(),
				new Object[] { row.username(), reasons }, Locale.FRENCH);
		return new Line(row.line(), row.lastName(), row.firstNames(), row.email(), row.keysText(), status, reasons);
	}

	private String message(Reason reason) {
		return this.messages.getMessage(reason.key(), reason.args().toArray(), Locale.FRENCH);
	}

	/**
	 * One line of the file as the page shows it.
	 *
	 * @param line its line
	 * @param lastName last name
	 * @param firstNames first names
	 * @param email e-mail
	 * @param keys service keys
	 * @param status what became of it, in French
	 * @param reasons why it was refused or failed, in French
	 */
	record Line(int line, String lastName, String firstNames, String email, String keys, String status,
			String reasons) {
	}

	/**
	 * A previous import, for the list.
	 *
	 * @param summary the import
	 * @param uploadedAt when, in French
	 */
	record Past(ImportSummary summary, String uploadedAt) {
	}

	/**
	 * The progress of a running import.
	 *
	 * @param state PREVIEW, RUNNING or DONE
	 * @param created accounts created so far
	 * @param toCreate accounts to create
	 * @param text "n / N comptes créés"
	 */
	record Progress(String state, int created, int toCreate, String text) {
	}

}
