package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak server distribution, unpacked once into a cache folder shared by every
 * process of the machine (the run command, the test suite).
 */
final class KeycloakDistribution {

	static final String VERSION = "26.7.3";

	private static final Logger logger = LoggerFactory.getLogger(KeycloakDistribution.class);

	private final Path cacheDir;

	private final Path home;

	private KeycloakDistribution(Path cacheDir) {
		this.cacheDir = cacheDir;
		this.home = cacheDir.resolve("keycloak-" + VERSION);
	}

	/** The distribution in the cache folder, unpacked now if it is not there yet. */
	static KeycloakDistribution prepare() {
		KeycloakDistribution distribution = new KeycloakDistribution(cacheDir());
		try (DistributionLock lock = distribution.lock()) {
			if (!Files.isRegularFile(distribution.kcScript())) {
				distribution.unpack(KeycloakZip.locate(distribution.cacheDir));
			}
		}
		return distribution;
	}

	Path home() {
		return this.home;
	}

	Path kcScript() {
		return this.home.resolve("bin/kc.sh");
	}

	/** Folder for the per-process state of the servers started from this distribution. */
	Path runsDir() {
		return this.cacheDir.resolve("keycloak-" + VERSION + "-runs");
	}

	/**
	 * Whether the distribution was already augmented ("built") for these build options,
	 * so that a start does not rebuild it.
	 */
	boolean isBuiltFor(String buildOptions) {
		Path marker = builtMarker();
		try {
			return Files.isRegularFile(marker) && Files.readString(marker).equals(buildOptions);
		}
		catch (IOException ex) {
			return false;
		}
	}

	void markBuiltFor(String buildOptions) {
		try {
			Files.writeString(builtMarker(), buildOptions);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path builtMarker() {
		return this.cacheDir.resolve("keycloak-" + VERSION + ".built");
	}

	/**
	 * Exclusive use of the distribution against other threads and other processes: held
	 * while unpacking and while the first start rebuilds it.
	 */
	DistributionLock lock() {
		return DistributionLock.acquire(this.cacheDir.resolve("keycloak-" + VERSION + ".lock"));
	}

	private void unpack(Path zip) {
		long start = System.nanoTime();
		Path staging = null;
		try {
			staging = Files.createTempDirectory(this.cacheDir, "keycloak-" + VERSION + ".unpacking-");
			try (ZipFile zipFile = new ZipFile(zip.toFile())) {
				for (ZipEntry entry : Collections.list(zipFile.entries())) {
					Path target = staging.resolve(entry.getName()).normalize();
					if (!target.startsWith(staging)) {
						throw new IOException("Entry outside the distribution: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(target);
						continue;
					}
					Files.createDirectories(target.getParent());
					try (InputStream in = zipFile.getInputStream(entry)) {
						Files.copy(in, target);
					}
					if (entry.getName().endsWith(".sh")) {
						Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
					}
				}
			}
			// the rename makes the distribution appear complete or not at all
			Files.move(staging.resolve("keycloak-" + VERSION), this.home, StandardCopyOption.ATOMIC_MOVE);
			Files.deleteIfExists(builtMarker());
			logger.info("Unpacked Keycloak {} into {} in {} ms", VERSION, this.home,
					Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot unpack " + zip + " into " + this.home, ex);
		}
		finally {
			if (staging != null) {
				Folders.deleteRecursively(staging);
			}
		}
	}

	static Path cacheDir() {
		String configured = System.getProperty("espace.cache.dir");
		return (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "espace-commun");
	}

}
