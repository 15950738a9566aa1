package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Keycloak themes the platform ships as resources under {@code keycloak/themes/} (the
 * {@code espace-commun} login theme), copied into a folder a Keycloak server reads its
 * themes from. Production mounts the same folder into Keycloak's {@code themes/}
 * (docker-compose.yml).
 */
final class KeycloakThemes {

	static final String LOCATION = "keycloak/themes/";

	private KeycloakThemes() {
	}

	/**
	 * Copies every theme file into the folder, replacing older copies.
	 * @return the folder
	 */
	static Path copyInto(Path folder) {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver(KeycloakThemes.class.getClassLoader())
				.getResources("classpath*:" + LOCATION + "**/*");
			for (Resource resource : resources) {
				String url = URLDecoder.decode(resource.getURL().toString(), StandardCharsets.UTF_8);
				int at = url.lastIndexOf(LOCATION);
				if (at < 0 || url.endsWith("/") || !resource.isReadable()) {
					// folders
					continue;
				}
				Path target = folder.resolve(url.substring(at + LOCATION.length())).normalize();
				if (!target.startsWith(folder)) {
					throw new IOException("Theme file outside the themes folder: " + url);
				}
				Files.createDirectories(target.getParent());
				try (InputStream in = resource.getInputStream()) {
					Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			Files.createDirectories(folder);
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the Keycloak themes into " + folder, ex);
		}
	}

}
