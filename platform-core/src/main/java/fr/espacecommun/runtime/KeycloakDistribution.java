package fr.espacecommun.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak server distribution, unpacked once into a cache folder shared by every
 * process of the machine (the run command, the test suite).
 */
final class KeycloakDistribution {

	static final String VERSION = "26.7.3";

	private static final String ARTIFACT = "keycloak-quarkus-dist-" + VERSION + ".zip";

	private static final String REPOSITORY_PATH = "org/keycloak/keycloak-quarkus-dist/" + VERSION + "/" + ARTIFACT;

	private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

	private static final Logger logger = LoggerFactory.getLogger(KeycloakDistribution.class);

	// FileChannel.lock() is per process: threads of this JVM queue here first
	private static final Map<Path, ReentrantLock> jvmLocks = new HashMap<>();

	private final Path cacheDir;

	private final Path home;

	private KeycloakDistribution(Path cacheDir) {
		this.cacheDir = cacheDir;
		this.home = cacheDir.resolve("keycloak-" + VERSION);
	}

	/** The distribution in the cache folder, unpacked now if it is not there yet. */
	static KeycloakDistribution prepare() {
		KeycloakDistribution distribution = new KeycloakDistribution(cacheDir());
		try (Lock lock = distribution.lock()) {
			if (!Files.isRegularFile(distribution.home.resolve("bin/kc.sh"))) {
				distribution.unpack(locateZip());
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
	Lock lock() {
		Path lockFile = this.cacheDir.resolve("keycloak-" + VERSION + ".lock");
		ReentrantLock jvmLock;
		synchronized (jvmLocks) {
			jvmLock = jvmLocks.computeIfAbsent(lockFile, (key) -> new ReentrantLock());
		}
		jvmLock.lock();
		try {
			Files.createDirectories(this.cacheDir);
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			try {
				FileLock fileLock = channel.lock();
				return new Lock(channel, fileLock, jvmLock);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			jvmLock.unlock();
			throw new UncheckedIOException("Cannot lock " + lockFile, ex);
		}
		catch (RuntimeException ex) {
			jvmLock.unlock();
			throw ex;
		}
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
				deleteRecursively(staging);
			}
		}
	}

	static Path cacheDir() {
		String configured = System.getProperty("espace.cache.dir");
		return (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "espace-commun");
	}

	/**
	 * The distribution zip: {@code keycloak.dist.zip}, else the local Maven repository,
	 * else downloaded from Maven Central into the cache folder.
	 */
	static Path locateZip() {
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
		Path downloaded = cacheDir().resolve(ARTIFACT);
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

	static void deleteRecursively(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			logger.warn("Cannot delete {}", root, ex);
		}
	}

	/** A held lock on the distribution. */
	static final class Lock implements AutoCloseable {

		private final FileChannel channel;

		private final FileLock fileLock;

		private final ReentrantLock jvmLock;

		Lock(FileChannel channel, FileLock fileLock, ReentrantLock jvmLock) {
			this.channel = channel;
			this.fileLock = fileLock;
			this.jvmLock = jvmLock;
		}

		@Override
		public void close() {
			try {
				this.fileLock.release();
				this.channel.close();
			}
			catch (IOException ex) {
				logger.warn("Cannot release the Keycloak distribution lock", ex);
			}
			finally {
				this.jvmLock.unlock();
			}
		}

	}

}
