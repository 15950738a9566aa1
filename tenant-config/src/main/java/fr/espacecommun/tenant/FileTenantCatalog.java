package fr.espacecommun.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.espacecommun.tenant.TenantFileReader.ParsedFile;

/**
 * The tenants declared by the {@code *.yaml} files of one folder. Readers always see an
 * immutable snapshot; {@link #reload()} builds the next one and swaps it in, so it may be
 * called periodically: unchanged accepted files are not parsed again.
 * <p>
 * A file being written is never taken half written: one that changes, vanishes or appears
 * while it is read, or (with a settle time) a known file, or the CGU or logo it names,
 * modified less than the settle time ago, is left for a later reload, and its last
 * reading (served definition or refusal) stands meanwhile. A file that cannot be read or
 * parsed at all is refused like any bad file; nothing a file holds makes
 * {@link #reload()} throw. A deleted file leaves its commune served (reported in
 * {@link ReloadReport#withoutFile()}): removing a commune is an explicit operator act.
 */
public final class FileTenantCatalog implements TenantCatalog {

	static final Comparator<TenantConfigError> ERROR_ORDER = Comparator
		.comparing((TenantConfigError error) -> error.file().toString())
		.thenComparingInt(TenantConfigError::line)
		.thenComparingInt(TenantConfigError::column);

	private static final Logger logger = LoggerFactory.getLogger(FileTenantCatalog.class);

	private final Path directory;

	private final Duration settleTime;

	private final List<TenantCatalogListener> listeners = new CopyOnWriteArrayList<>();

	// Accepted files by path, with the stamp of every file they were built from.
	// Guarded by "this": only reload() touches it.
	private final Map<Path, Cached> cache = new HashMap<>();

	// The last settled reading of every file ever read, accepted or refused: what stands
	// while the file is being written. Guarded by "this".
	private final Map<Path, ParsedFile> lastRead = new HashMap<>();

	private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

	// What the files alone declare, by id, before the overlay. Guarded by "this".
	private Map<String, TenantDefinition> declared = Map.of();

	private volatile TenantOverlay overlay = TenantOverlay.NONE;

	/**
	 * A catalogue over this folder; call {@link #reload()} to read it.
	 * @param directory the tenants folder
	 */
	public FileTenantCatalog(Path directory) {
		this(directory, Duration.ZERO);
	}

	/**
	 * A catalogue over this folder that leaves a known file alone until it has not been
	 * modified for {@code settleTime}: an editor writing it in several steps is not read
	 * between them. New files are read at once (nothing of theirs is served yet).
	 * @param directory the tenants folder
	 * @param settleTime how long a known file must stay untouched before it is read
	 */
	public FileTenantCatalog(Path directory, Duration settleTime) {
		this.directory = directory;
		this.settleTime = settleTime;
	}

	/**
	 * Lays run-time edits over the files from the next {@link #reload()} on.
	 * @param overlay the staff's edits
	 */
	public void setOverlay(TenantOverlay overlay) {
		this.overlay = overlay;
	}

	/**
	 * The tenant as its file alone declares it, without the staff's run-time edits.
	 * @param id the tenant id
	 * @return the declared definition, if the tenant is served
	 */
	public synchronized Optional<TenantDefinition> declared(String id) {
		return Optional.ofNullable(this.declared.get(id));
	}

	/**
	 * Reads the folder again and lays the staff's edits over it. A refused file never
	 * replaces the last good definition of its tenant and never affects the others; when
	 * the edits cannot be read, nothing changes until the next reload.
	 * @return what changed and what was refused
	 */
	public synchronized ReloadReport reload() {
		Map<String, TenantDefinition> previous = this.snapshot.byId();
		List<Path> files;
		try {
			files = tenantFiles();
		}
		catch (IOException ex) {
			TenantConfigError error = new TenantConfigError(this.directory, 0, 0, "catalog.unreadable",
					"cannot list the tenants folder: " + ex);
			logger.warn("Tenant folder unreadable, keeping {} tenants: {}", previous.size(), ex.toString());
			this.snapshot = new Snapshot(previous, List.of(error));
			return new ReloadReport(List.of(), List.of(), Map.of(this.directory, List.of(error)), List.of());
		}
		Map<Path, ParsedFile> parsed = new LinkedHashMap<>();
		for (Path file : files) {
			ParsedFile read = readSettled(file);
			if (read != null) {
				parsed.put(file, read);
			}
		}
		Map<String, TenantDefinition> nextDeclared = new CatalogRules(this.declared, parsed).resolve();
		Map<String, TenantDefinition> next;
		try {
			next = new TreeMap<>(this.overlay.apply(Collections.unmodifiableMap(nextDeclared)));
		}
		catch (RuntimeException ex) {
			// half a configuration (a file's change without the staff's edits, say a
			// weaker password policy) is never served: retry at the next reload
			logger.warn("Staff edits unreadable, keeping the {} tenants served: {}", previous.size(), ex.toString());
			return new ReloadReport(List.of(), List.of(), Map.of(), List.of());
		}
		if (!next.keySet().equals(nextDeclared.keySet())) {
			throw new IllegalStateException("An overlay must keep the tenants it is given");
		}
		this.declared = Map.copyOf(nextDeclared);
		return publish(previous, next, parsed, files);
	}

	private List<Path> tenantFiles() throws IOException {
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
	private ParsedFile readSettled(Path file) {
		Cached cached = this.cache.get(file);
		if (cached != null && cached.stamp().equals(FileStamp.of(file, cached.parsed().tenant()))) {
			return cached.parsed();
		}
		long now = System.currentTimeMillis();
		FileStamp before = FileStamp.of(file);
		ParsedFile parsed = read(file);
		FileStamp after = parsed.accepted() ? FileStamp.of(file, parsed.tenant()) : FileStamp.of(file);
		boolean known = this.lastRead.containsKey(file);
		boolean moving = !before.first().equals(after.first()) || after.first().endsWith("|missing")
				|| (known && !this.settleTime.isZero() && after.newest() > now - this.settleTime.toMillis());
		if (moving) {
			logger.debug("Tenant file {} is being written; read again at the next reload", file);
			return this.lastRead.get(file);
		}
		this.cache.remove(file);
		if (parsed.accepted()) {
			this.cache.put(file, new Cached(parsed, after));
		}
		this.lastRead.put(file, parsed);
		return parsed;
	}

	/** Reads one file; whatever it holds, a refusal rather than an exception. */
	private ParsedFile read(Path file) {
		try {
			return TenantFileReader.read(file, this.directory);
		}
		catch (RuntimeException ex) {
			logger.warn("Tenant file {} could not be read", file, ex);
			return ParsedFile.refused(file,
					List.of(new TenantConfigError(file, 0, 0, "file.unreadable", "cannot read the file: " + ex)));
		}
	}

	private ReloadReport publish(Map<String, TenantDefinition> previous, Map<String, TenantDefinition> next,
			Map<Path, ParsedFile> parsed, List<Path> files) {
		List<String> added = new ArrayList<>();
		List<String> changed = new ArrayList<>();
		List<String> withoutFile = new ArrayList<>();
		Map<Path, List<TenantConfigError>> refused = new TreeMap<>();
		for (ParsedFile file : parsed.values()) {
			if (!file.accepted()) {
				refused.put(file.file(), file.errors());
				logger.warn("Tenant file refused: {}", file.errors());
			}
		}
		next.forEach((id, tenant) -> {
			TenantDefinition before = previous.get(id);
			if (before == null) {
				added.add(id);
			}
			else if (!before.equals(tenant)) {
				changed.add(id);
			}
			if (!files.contains(tenant.source())) {
				withoutFile.add(id);
				// reported by the caller (once, not at every reload)
				logger.debug("Tenant '{}' still served although its file {} is gone", id, tenant.source());
			}
		});
		List<TenantConfigError> errors = refused.values().stream().flatMap(List::stream).sorted(ERROR_ORDER).toList();
		this.snapshot = new Snapshot(next, errors);
		for (String id : added) {
			notifyListeners(null, next.get(id));
		}
		for (String id : changed) {
			notifyListeners(previous.get(id), next.get(id));
		}
		return new ReloadReport(added, changed, refused, withoutFile);
	}

	private void notifyListeners(TenantDefinition previous, TenantDefinition current) {
		for (TenantCatalogListener listener : this.listeners) {
			try {
				listener.tenantChanged(previous, current);
			}
			catch (RuntimeException ex) {
				// One faulty listener must not keep the others stale.
				logger.error("Tenant listener failed for tenant '{}'", current.id(), ex);
			}
		}
	}

	@Override
	public Collection<TenantDefinition> all() {
		return this.snapshot.byId().values();
	}

	@Override
	public Optional<TenantDefinition> byId(String id) {
		return Optional.ofNullable(this.snapshot.byId().get(id));
	}

	@Override
	public Optional<TenantDefinition> byHost(String host) {
		if (host == null) {
			return Optional.empty();
		}
		String key = host.toLowerCase(Locale.ROOT);
		// A fully qualified name ("fresnes.espace-commun.fr.") is the same host.
		key = key.endsWith(".") ? key.substring(0, key.length() - 1) : key;
		return Optional.ofNullable(this.snapshot.byHost().get(key));
	}

	@Override
	public List<TenantConfigError> errors() {
		return this.snapshot.errors();
	}

	@Override
	public void addListener(TenantCatalogListener listener) {
		this.listeners.add(listener);
	}

	/** An immutable view served to readers between two reloads. */
	private record Snapshot(Map<String, TenantDefinition> byId, Map<String, TenantDefinition> byHost,
			List<TenantConfigError> errors) {

		Snapshot(Map<String, TenantDefinition> byId, List<TenantConfigError> errors) {
			this(Collections.unmodifiableMap(new TreeMap<>(byId)), hosts(byId), List.copyOf(errors));
		}

		private static Map<String, TenantDefinition> hosts(Map<String, TenantDefinition> byId) {
			Map<String, TenantDefinition> hosts = new HashMap<>();
			byId.values()
				.forEach(
						(tenant) -> tenant.hosts().forEach((host) -> hosts.put(host.toLowerCase(Locale.ROOT), tenant)));
			return Map.copyOf(hosts);
		}

	}

	private record Cached(ParsedFile parsed, FileStamp stamp) {
	}

}
