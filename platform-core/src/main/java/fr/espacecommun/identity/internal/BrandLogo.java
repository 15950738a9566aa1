package fr.espacecommun.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

import fr.espacecommun.tenant.TenantDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A commune's logo as a {@code data:} URI, for the realm attribute Keycloak's login theme
 * shows: the sign-in page then needs nothing from the platform to show it.
 */
final class BrandLogo {

	/** Larger logos are left out of the realm (the sign-in page shows the names only). */
	static final int MAX_BYTES = 64 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(BrandLogo.class);

	private BrandLogo() {
	}

	/** The logo's data URI, or an empty string when its file cannot be used. */
	static String dataUri(TenantDefinition tenant) {
		TenantDefinition.Logo image = tenant.branding().image();
		if (image.present()) {
			// read with the tenant file: kept when the file is deleted or being rewritten
			if (image.size() > MAX_BYTES) {
				logger.warn("Logo of tenant {} over {} bytes: not shown on its sign-in page", tenant.id(), MAX_BYTES);
				return "";
			}
			return "data:" + image.contentType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes());
		}
		// a definition built in code, without the logo's bytes
		Path folder = tenant.source().toAbsolutePath().getParent();
		Path file = folder.resolve(tenant.branding().logo()).normalize();
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		String type = name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".png") ? "image/png" : null;
		if (!file.startsWith(folder) || type == null || !Files.isRegularFile(file)) {
			return "";
		}
		try {
			if (Files.size(file) > MAX_BYTES) {
				logger.warn("Logo of tenant {} over {} bytes: not shown on its sign-in page", tenant.id(), MAX_BYTES);
				return "";
			}
			return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			logger.warn("Logo of tenant {} unreadable: not shown on its sign-in page", tenant.id(), ex);
			return "";
		}
	}

}
