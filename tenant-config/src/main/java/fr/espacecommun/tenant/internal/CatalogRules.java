package fr.espacecommun.tenant.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.tenant.internal.TenantFileReader.ParsedFile;

/**
 * Rules across files: a tenant id declared once, a host served by one tenant. When two
 * files clash, the definition already served wins, so a new or edited file can never take
 * a running commune's host or id away.
 */
public final class CatalogRules {

	private final Map<String, TenantDefinition> previous;

	private final Map<Path, ParsedFile> parsed;

	/**
	 * @param previous the definitions served so far, by id
	 * @param parsed this reload's files in name order; clashing files are replaced in it
	 * by their refusal
	 */
	public CatalogRules(Map<String, TenantDefinition> previous, Map<Path, ParsedFile> parsed) {
		this.previous = previous;
		this.parsed = parsed;
	}

	/** The definitions to serve from now on, by id. */
	public Map<String, TenantDefinition> resolve() {
		uniqueIds();
		Map<String, TenantDefinition> next = new TreeMap<>(this.previous);
		Map<String, ParsedFile> fresh = new HashMap<>();
		for (ParsedFile file : this.parsed.values()) {
			if (file.accepted()) {
				next.put(file.tenant().id(), file.tenant());
				if (!file.tenant().equals(this.previous.get(file.tenant().id()))) {
					fresh.put(file.tenant().id(), file);
				}
			}
		}
		// Each round refuses one fresh definition, so this ends; the previous snapshot
		// had
		// no clash, so reverting to it never creates one.
		ParsedFile loser;
		while ((loser = hostClash(next, fresh)) != null) {
			String id = loser.tenant().id();
			fresh.remove(id);
			TenantDefinition before = this.previous.get(id);
			if (before != null) {
				next.put(id, before);
			}
			else {
				next.remove(id);
			}
		}
		return next;
	}

	private void uniqueIds() {
		Map<String, ParsedFile> owners = new HashMap<>();
		for (ParsedFile file : new ArrayList<>(this.parsed.values())) {
			if (!file.accepted()) {
				continue;
			}
			String id = file.tenant().id();
			ParsedFile owner = owners.get(id);
			if (owner == null) {
				owners.put(id, file);
				continue;
			}
			TenantDefinition served = this.previous.get(id);
			ParsedFile loser = (served != null && served.source().equals(file.file())) ? owner : file;
			ParsedFile winner = (loser == owner) ? file : owner;
			owners.put(id, winner);
			this.parsed.put(loser.file(), loser.refuse("/id", "id.unique",
					"id '" + id + "' is already declared by " + winner.file().getFileName()));
		}
	}

	// Finds one fresh definition claiming a host another served definition claims, and
	// records its refusal.
	private ParsedFile hostClash(Map<String, TenantDefinition> next, Map<String, ParsedFile> fresh) {
		Map<String, String> owners = new HashMap<>();
		for (TenantDefinition tenant : next.values()) {
			if (!fresh.containsKey(tenant.id())) {
				tenant.hosts().forEach((host) -> owners.put(host, tenant.id()));
			}
		}
		List<ParsedFile> candidates = new ArrayList<>(this.parsed.values());
		for (ParsedFile file : candidates) {
			if (!file.accepted() || fresh.get(file.tenant().id()) != file) {
				continue;
			}
			List<String> hosts = file.tenant().hosts();
			for (int i = 0; i < hosts.size(); i++) {
				String owner = owners.putIfAbsent(hosts.get(i), file.tenant().id());
				if (owner != null && !owner.equals(file.tenant().id())) {
					TenantDefinition other = next.get(owner);
					this.parsed.put(file.file(), file.refuse("/hosts/" + i, "hosts.unique", "host '" + hosts.get(i)
							+ "' is already served by tenant '" + owner + "' (" + other.source().getFileName() + ")"));
					return file;
				}
			}
		}
		return null;
	}

}
