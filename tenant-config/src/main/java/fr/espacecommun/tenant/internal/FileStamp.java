package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import fr.espacecommun.tenant.TenantDefinition;

/**
 * Size and modification time of a tenant file and of the files it refers to: comparing
 * stamps is how a periodic reload skips parsing files nobody touched, and tells a file
 * changed while it was being read.
 *
 * @param entries one {@code path|size|mtime} (or {@code path|missing}) per file
 * @param newest the latest modification time among them, in epoch milliseconds
 */
record FileStamp(List<String> entries, long newest) {

	static FileStamp of(Path file, TenantDefinition tenant) {
		return of(file, List.of(tenant.terms().file(), tenant.branding().logo()));
	}

	/** The stamp of a tenant file and of the files it names, relative to its folder. */
	static FileStamp of(Path file, List<String> references) {
		List<Path> files = new ArrayList<>();
		files.add(file);
		Path directory = file.toAbsolutePath().getParent();
		List<String> unresolved = new ArrayList<>();
		for (String relative : references) {
			Path referenced = TenantBinder.resolveInside(directory, relative);
			if (referenced != null) {
				files.add(referenced);
			}
			else {
				unresolved.add(relative);
			}
		}
		FileStamp stamp = of(files);
		List<String> entries = new ArrayList<>(stamp.entries());
		entries.addAll(unresolved);
		return new FileStamp(List.copyOf(entries), stamp.newest());
	}

	/** The stamp of the tenant file alone, before it is read. */
	static FileStamp of(Path file) {
		return of(List.of(file));
	}

	private static FileStamp of(List<Path> files) {
		List<String> entries = new ArrayList<>();
		long newest = Long.MIN_VALUE;
		for (Path file : files) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
				long modified = attributes.lastModifiedTime().toMillis();
				newest = Math.max(newest, modified);
				entries.add(file + "|" + attributes.size() + "|" + modified);
			}
			catch (IOException ex) {
				entries.add(file + "|missing");
			}
		}
		return new FileStamp(List.copyOf(entries), newest);
	}

	/** The stamp of the tenant file alone (its first entry). */
	String first() {
		return this.entries.get(0);
	}

}
