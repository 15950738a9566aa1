package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stopped cluster, with the platform database in it, made once per machine and
 * PostgreSQL build and copied into each new data directory instead of running initdb.
 */
final class EmbeddedPostgresTemplate {

	/** Change when the initdb options or the template's contents change. */
	private static final String LAYOUT = "v1";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresTemplate.class);

	private static @Nullable Path template;

	private EmbeddedPostgresTemplate() {
	}

	static synchronized Path get() throws IOException {
		if (template == null) {
			template = prepare(cacheDirectory().resolve("pg-template-" + LAYOUT + "-" + binariesKey()));
		}
		return template;
	}

	private static Path prepare(Path directory) throws IOException {
		if (Files.exists(directory.resolve("PG_VERSION"))) {
			return directory;
		}
		Files.createDirectories(directory.getParent());
		long started = System.nanoTime();
		Path staging = directory.resolveSibling(directory.getFileName() + ".staging-" + UUID.randomUUID());
		Files.createDirectory(staging);
		try {
			EmbeddedPostgres postgres = EmbeddedPostgresServer.start(staging, 0);
			try {
				EmbeddedPostgresServer.createDatabaseIfAbsent(postgres);
			}
			finally {
				postgres.close();
			}
			Files.deleteIfExists(staging.resolve("epg-lock"));
			// another JVM may have made the same template meanwhile: the first one wins
			Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
			logger.info("Made PostgreSQL cluster template {} in {} ms", directory,
					(System.nanoTime() - started) / 1_000_000);
		}
		catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException ex) {
			logger.debug("Template {} made by another process", directory);
		}
		finally {
			Folders.deleteRecursively(staging);
		}
		return directory;
	}

	private static Path cacheDirectory() {
		String configured = System.getProperty("espace.cache.dir");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "espace-commun");
	}

	/** Identifies the PostgreSQL build on the class path (its jar, hence its version). */
	private static String binariesKey() {
		URL binaries = EmbeddedPostgresTemplate.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
		String location = (binaries != null) ? binaries.toString() : "unknown";
		return UUID.nameUUIDFromBytes(location.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
	}

}
