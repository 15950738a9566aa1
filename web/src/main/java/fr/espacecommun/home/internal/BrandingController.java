package fr.espacecommun.home.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.web.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the host's own branding: a small style sheet with its colour, and its logo. Both
 * are keyed by the host, so one commune's branding is never served on another's host.
 */
@RestController
class BrandingController {

	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();

	@GetMapping(path = "/branding/theme.css", produces = "text/css")
	ResponseEntity<String> theme(HttpServletRequest request) {
		return CurrentTenant.of(request)
			.map((tenant) -> ResponseEntity.ok().cacheControl(CACHE).body(themeOf(tenant)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@GetMapping("/branding/logo")
	ResponseEntity<Resource> logo(HttpServletRequest request) {
		TenantDefinition.Logo image = CurrentTenant.of(request)
			.map((tenant) -> tenant.branding().image())
			.orElse(TenantDefinition.Logo.NONE);
		if (image.present()) {
			// the bytes read with the tenant file: a deleted file leaves no broken image
			return ResponseEntity.ok()
				.cacheControl(CACHE)
				.contentType(MediaType.parseMediaType(image.contentType()))
				.<Resource>body(new ByteArrayResource(image.bytes()));
		}
		return CurrentTenant.of(request).map(BrandingController::logoFile).filter(Files::isRegularFile).map((file) -> {
			MediaType type = MediaTypeFactory.getMediaType(file.getFileName().toString())
				.orElse(MediaType.APPLICATION_OCTET_STREAM);
			return ResponseEntity.ok()
				.cacheControl(CACHE)
				.contentType(type)
				.<Resource>body(new FileSystemResource(file));
		}).orElseGet(() -> ResponseEntity.notFound().build());
	}

	static String themeOf(TenantDefinition tenant) {
		return ":root { --brand: " + tenant.branding().primaryColor() + "; }\n";
	}

	/** The logo file, which tenant validation keeps inside the tenants folder. */
	private static Path logoFile(TenantDefinition tenant) {
		Path folder = tenant.source().toAbsolutePath().getParent();
		Path file = folder.resolve(tenant.branding().logo()).normalize();
		return file.startsWith(folder) ? file : folder.resolve("missing");
	}

}
