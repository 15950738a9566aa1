package fr.espacecommun.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Size and modification time of a tenant file and of the files it refers to: comparing
 * stamps is how a periodic reload skips parsing files nobody touched.
 */
record FileStamp(List<String> entries) {

	static FileStamp of(Path file, TenantDefinition tenant) {
		List<String> entries = new ArrayList<>();
		entries.add(entry(file));
		Path directory = file.toAbsolutePath().getParent();
		for (String relative : List.of(tenant.terms().file(), tenant.branding().logo())) {
			Path referenced = TenantBinder.resolveInside(directory, relative);
			entries.add((referenced != null) ? entry(referenced) : relative);
		}
		return new FileStamp(List.copyOf(entries));
	}

	private static String entry(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return file + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
		}
		catch (IOException ex) {
			return file + "|missing";
		}
	}

}
