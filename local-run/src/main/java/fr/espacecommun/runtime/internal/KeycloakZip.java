package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Keycloak distribution zip comes from: {@code keycloak.dist.zip}, else the
 * local Maven repository (the build resolves it), else Maven Central, checked against its
 * SHA-1.
 */
final class KeycloakZip {

	private static final String ARTIFACT = "keycloak-quarkus-dist-" + KeycloakDistribution.VERSION + ".zip";

	private static final String REPOSITORY_PATH = "org/keycloak/keycloak-quarkus-dist/" + KeycloakDistribution.VERSION
			+ "/" + ARTIFACT;

	private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

	private static final Logger logger = LoggerFactory.getLogger(KeycloakZip.class);

	private KeycloakZip() {
	}

	/**
	 * The distribution zip: {@code keycloak.dist.zip}, else the local Maven repository,
	 * else downloaded from Maven Central into the cache folder.
	 */
	static Path locate(Path cacheDir) {
		String configured = System.getProperty("keycloak.dist.zip");
		if (configured != null && !configured.isBlank()) {
			Path zip = Path.of(configured);
			if (!Files.isRegularFile(zip)) {
				throw new IllegalStateException("keycloak.dist.zip names a missing file: " + zip);
			}
			return zip;
		}
		String repo = System.getProperty("maven.repo.local");
		Path repository = (repo != null && !repo.isBlank()) ? Path.of(repo)
				: Path.of(System.getProperty("user.home"), ".m2", "repository");
		Path inRepository = repository.resolve(REPOSITORY_PATH);
		if (Files.isRegularFile(inRepository)) {
			return inRepository;
		}
		Path downloaded = cacheDir.resolve(ARTIFACT);
		if (!Files.isRegularFile(downloaded)) {
			download(CENTRAL + REPOSITORY_PATH, downloaded);
		}
		return downloaded;
	}

	private static void download(String url, Path target) {
		logger.info("Downloading {} (about 170 MB)", url);
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		try {
			Files.createDirectories(target.getParent());
			Path partial = Files.createTempFile(target.getParent(), ARTIFACT, ".part");
			try {
				HttpResponse<Path> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
						HttpResponse.BodyHandlers.ofFile(partial));
				if (response.statusCode() != 200) {
					throw new IllegalStateException("Download of " + url + " answered " + response.statusCode());
				}
				String expected = client
					.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).build(),
							HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII))
					.body()
					.trim();
				String actual = sha1(partial);
				if (!expected.startsWith(actual)) {
					throw new IllegalStateException("Checksum mismatch for " + url + ": " + actual + " != " + expected);
				}
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(partial);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot download " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while downloading " + url, ex);
		}
	}

	private static String sha1(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return DigestUtils.sha1Hex(in);
		}
	}

}
