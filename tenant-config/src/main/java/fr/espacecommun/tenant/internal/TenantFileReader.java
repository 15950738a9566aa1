package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.TenantDefinition;

/**
 * Reads one tenant file: YAML syntax, then the schema, then the cross-field rules. Each
 * stage runs only when the previous one passed, so an operator is not buried under
 * consequences of a single typo.
 */
public final class TenantFileReader {

	private TenantFileReader() {
	}

	/**
	 * The largest tenant file read: the five communes' files are 3 to 6 KiB, so 256 KiB
	 * leaves room for long texts while a file of any size costs at most this much memory.
	 */
	public static final int MAX_BYTES = 256 * 1024;

	// where reading stopped: the line and column of the first byte over the limit
	private static TenantConfigError tooLarge(Path file, byte[] bytes) {
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < MAX_BYTES; i++) {
			if (bytes[i] == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new TenantConfigError(file, line, MAX_BYTES - lineStart + 1, "file.too-large",
				"le fichier dépasse " + (MAX_BYTES / 1024) + " Kio ; un fichier de commune en fait quelques-uns : "
						+ "il n'est pas lu au-delà de cette limite");
	}

	static ParsedFile read(Path file, Path tenantsDir, PlatformFacts facts) {
		List<TenantConfigError> errors = new ArrayList<>();
		String text;
		try {
			byte[] bytes;
			try (InputStream in = Files.newInputStream(file)) {
				// never more than the limit in memory, whatever the file's size
				bytes = in.readNBytes(MAX_BYTES + 1);
			}
			if (bytes.length > MAX_BYTES) {
				return ParsedFile.refused(file, List.of(tooLarge(file, bytes)));
			}
			text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			return ParsedFile.refused(file, List.of(new TenantConfigError(file, 0, 0, "file.encoding",
					"le fichier n'est pas du texte UTF-8 : enregistrez-le en UTF-8")));
		}
		catch (IOException ex) {
			return ParsedFile.refused(file, List.of(new TenantConfigError(file, 0, 0, "file.unreadable",
					"le fichier ne peut pas être lu : " + Unreadable.why(ex))));
		}
		YamlTree tree = YamlTree.parse(file, text, errors);
		if (tree == null) {
			return ParsedFile.refused(file, errors);
		}
		SchemaCheck.check(file, tree, errors);
		if (!errors.isEmpty()) {
			return ParsedFile.refused(file, errors);
		}
		TenantDefinition tenant = TenantBinder.bind(tree.root(), file, tenantsDir);
		TenantRules.check(file, tree, tenant, tenantsDir, facts, errors);
		List<String> references = List.of(tenant.terms().file(), tenant.branding().logo());
		if (!errors.isEmpty()) {
			// read again when the CGU or the logo it names changes (a missing one added)
			return new ParsedFile(file, null, List.copyOf(errors), null, references);
		}
		return new ParsedFile(file, tenant, List.of(), tree, references);
	}

	/**
	 * The outcome of reading one file.
	 *
	 * @param file the file
	 * @param tenant the definition, or {@code null} when refused
	 * @param errors why it was refused (empty when accepted)
	 * @param tree the parsed file, kept to place catalogue-wide errors (duplicate hosts)
	 * @param references the CGU and logo files it names, relative to the folder (empty
	 * when it was refused before they were known)
	 */
	public record ParsedFile(Path file, TenantDefinition tenant, List<TenantConfigError> errors, YamlTree tree,
			List<String> references) {

		static ParsedFile refused(Path file, List<TenantConfigError> errors) {
			return new ParsedFile(file, null, List.copyOf(errors), null, List.of());
		}

		public boolean accepted() {
			return this.tenant != null;
		}

		ParsedFile refuse(String pointer, String rule, String message) {
			TenantConfigError error = this.tree.valueAt(pointer).error(this.file, rule, message);
			return new ParsedFile(this.file, null, List.of(error), null, this.references);
		}

	}

}
