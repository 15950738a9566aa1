package fr.espacecommun.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A private copy of the project's tenants folder, for tests that add, edit or break
 * tenant files without touching the project's own.
 */
public final class TenantsFolder {

	private TenantsFolder() {
	}

	/** Copies the tenants folder (files, CGU, logos) into a new temporary folder. */
	public static Path copy() {
		try {
			Path source = Path.of(System.getProperty("espace.tenants.dir", "../tenants"));
			Path target = Files.createTempDirectory("tenants-");
			try (Stream<Path> files = Files.walk(source)) {
				for (Path path : files.toList()) {
					Path copy = target.resolve(source.relativize(path).toString());
					if (Files.isDirectory(path)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
