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
		// Each round refuses at least one fresh definition, so this ends; the previous
		// snapshot had no clash, so reverting to it never creates one.
		List<ParsedFile> losers;
		while (!(losers = hostClash(next, fresh)).isEmpty()) {
			for (ParsedFile loser : losers) {
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
					"l'identifiant '" + id + "' est déjà déclaré par " + winner.file().getFileName()));
		}
	}

	// The fresh definitions to refuse this round, their refusal recorded: one claiming a
	// host a served commune keeps (the newcomer is at fault, whatever the file names), or
	// every fresh definition claiming the same host when none serves it yet (nothing says
	// which one is right: alphabetical order must not decide).
	private List<ParsedFile> hostClash(Map<String, TenantDefinition> next, Map<String, ParsedFile> fresh) {
		Map<String, String> served = new HashMap<>();
		for (TenantDefinition tenant : next.values()) {
			if (!fresh.containsKey(tenant.id())) {
				tenant.hosts().forEach((host) -> served.put(host, tenant.id()));
			}
		}
		Map<String, List<ParsedFile>> claims = new TreeMap<>();
		for (ParsedFile file : new ArrayList<>(this.parsed.values())) {
			if (!file.accepted() || fresh.get(file.tenant().id()) != file) {
				continue;
			}
			List<String> hosts = file.tenant().hosts();
			for (int i = 0; i < hosts.size(); i++) {
				String owner = served.get(hosts.get(i));
				if (owner != null && !owner.equals(file.tenant().id())) {
					TenantDefinition other = next.get(owner);
					this.parsed.put(file.file(),
							file.refuse("/hosts/" + i, "hosts.unique",
									"l'hôte '" + hosts.get(i) + "' est déjà servi par la commune '" + owner + "' ("
											+ other.source().getFileName() + ")"));
					return List.of(file);
				}
				claims.computeIfAbsent(hosts.get(i), (host) -> new ArrayList<>()).add(file);
			}
		}
		for (Map.Entry<String, List<ParsedFile>> claim : claims.entrySet()) {
			List<ParsedFile> files = claim.getValue();
			if (files.size() < 2) {
				continue;
			}
			String host = claim.getKey();
			for (ParsedFile file : files) {
				String others = files.stream()
					.filter((other) -> other != file)
					.map((other) -> other.file().getFileName().toString())
					.reduce((a, b) -> a + ", " + b)
					.orElse("");
				this.parsed.put(file.file(),
						file.refuse("/hosts/" + file.tenant().hosts().indexOf(host), "hosts.unique", "l'hôte '" + host
								+ "' est aussi demandé par " + others
								+ ", et aucune commune ne le sert encore : il doit n'être déclaré que par un fichier"));
			}
			return files;
		}
		return List.of();
	}

}
