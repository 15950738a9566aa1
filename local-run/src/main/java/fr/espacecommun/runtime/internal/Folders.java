package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Folders the embedded parts make and remove (distributions, data, run folders). */
final class Folders {

	private static final Logger logger = LoggerFactory.getLogger(Folders.class);

	private Folders() {
	}

	/** Deletes the folder and everything in it; what cannot be deleted is logged. */
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

}
