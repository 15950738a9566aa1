package fr.espacecommun.tenant;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import fr.espacecommun.tenant.internal.CatalogRules;
import fr.espacecommun.tenant.internal.CatalogSnapshot;
import fr.espacecommun.tenant.internal.SettledFiles;
import fr.espacecommun.tenant.internal.TenantCatalogListener;
import fr.espacecommun.tenant.internal.TenantFileReader.ParsedFile;
import fr.espacecommun.tenant.internal.Unreadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private final SettledFiles settled;

	private final List<TenantCatalogListener> listeners = new CopyOnWriteArrayList<>();

	private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;

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
		this(directory, settleTime, PlatformFacts.LOCAL);
	}

	/**
	 * A catalogue whose files are checked against this platform's clusters and hosts: a
	 * file naming an unknown cluster, or taking an operator's host, is refused.
	 * @param directory the tenants folder
	 * @param settleTime how long a known file must stay untouched before it is read
	 * @param facts the configured clusters and the platform's own hosts
	 */
	public FileTenantCatalog(Path directory, Duration settleTime, PlatformFacts facts) {
		this.directory = directory;
		this.settled = new SettledFiles(directory, settleTime, facts);
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
			files = this.settled.list();
		}
		catch (IOException ex) {
			TenantConfigError error = new TenantConfigError(this.directory, 0, 0, "catalog.unreadable",
					"le dossier des communes ne peut pas être lu : " + Unreadable.why(ex));
			logger.warn("Tenant folder unreadable, keeping {} tenants: {}", previous.size(), ex.toString());
			this.snapshot = new CatalogSnapshot(previous, List.of(error));
			return new ReloadReport(List.of(), List.of(), Map.of(this.directory, List.of(error)), List.of());
		}
		Map<Path, ParsedFile> parsed = new LinkedHashMap<>();
		for (Path file : files) {
			ParsedFile read = this.settled.read(file);
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
		this.snapshot = new CatalogSnapshot(next, errors);
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

}
