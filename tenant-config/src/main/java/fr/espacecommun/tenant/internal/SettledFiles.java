package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.internal.TenantFileReader.ParsedFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant files of one folder as last read once settled: a file is parsed again only
 * when its stamp (or that of the CGU or logo it names) changed, and a file being written
 * (changed, vanished or appeared during its read, or a known one modified less than the
 * settle time ago) keeps its previous reading until a later reload. Not thread-safe: the
 * catalogue calls it under its lock.
 */
public final class SettledFiles {

	private static final Logger logger = LoggerFactory.getLogger(SettledFiles.class);

	private final Path directory;

	private final Duration settleTime;

	private final PlatformFacts facts;

	// Settled readings by path, accepted or refused, with the stamp of every file they
	// were built from.
	private final Map<Path, Cached> cache = new HashMap<>();

	// The last settled reading of every file ever read, accepted or refused: what stands
	// while the file is being written.
	private final Map<Path, ParsedFile> lastRead = new HashMap<>();

	public SettledFiles(Path directory, Duration settleTime, PlatformFacts facts) {
		this.directory = directory;
		this.settleTime = settleTime;
		this.facts = facts;
	}

	/** The {@code *.yaml} and {@code *.yml} files of the folder, in name order. */
	public List<Path> list() throws IOException {
		try (Stream<Path> entries = Files.list(this.directory)) {
			return entries.filter(Files::isRegularFile).filter((file) -> {
				String name = file.getFileName().toString();
				return name.endsWith(".yaml") || name.endsWith(".yml");
			}).sorted().toList();
		}
	}

	/**
	 * The file's settled reading: parsed again only when it changed, and its previous
	 * reading (or nothing, for a new file) while it is being written.
	 */
	@Nullable public ParsedFile read(Path file) {
		Cached cached = this.cache.get(file);
		if (cached != null && cached.stamp().equals(stampOf(file, cached.parsed()))) {
			return cached.parsed();
		}
		// file modification times are the file system's clock, compared with its own
		long now = System.currentTimeMillis();
		FileStamp before = FileStamp.of(file);
		ParsedFile parsed = parse(file);
		FileStamp after = stampOf(file, parsed);
		boolean known = this.lastRead.containsKey(file);
		boolean moving = !before.first().equals(after.first()) || after.first().endsWith("|missing")
				|| (known && !this.settleTime.isZero() && after.newest() > now - this.settleTime.toMillis());
		if (moving) {
			logger.debug("Tenant file {} is being written; read again at the next reload", file);
			return this.lastRead.get(file);
		}
		// a refused file too is parsed again only once its stamp changes: a hostile file
		// costs one reading per change, not one per reload
		this.cache.put(file, new Cached(parsed, after));
		this.lastRead.put(file, parsed);
		return parsed;
	}

	/** Reads one file; whatever it holds, a refusal rather than an exception. */
	private ParsedFile parse(Path file) {
		try {
			return TenantFileReader.read(file, this.directory, this.facts);
		}
		catch (RuntimeException | StackOverflowError | LinkageError | AssertionError ex) {
			// nothing a file holds escapes to the scheduler; an OutOfMemoryError (a
			// VirtualMachineError) does, the JVM is then beyond saving
			logger.warn("Tenant file {} could not be read: {}", file, ex.toString());
			return ParsedFile.refused(file,
					List.of(new TenantConfigError(file, 1, 1, "file.unreadable",
							"le fichier n'a pas pu être lu : sa structure dépasse ce que la plateforme lit ; "
									+ "simplifiez-le (le journal de la plateforme dit où)")));
		}
	}

	private static FileStamp stampOf(Path file, ParsedFile parsed) {
		return FileStamp.of(file, parsed.references());
	}

	private record Cached(ParsedFile parsed, FileStamp stamp) {
	}

}
