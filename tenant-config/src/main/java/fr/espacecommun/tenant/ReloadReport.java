package fr.espacecommun.tenant;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one {@link FileTenantCatalog#reload()} did.
 *
 * @param added ids of tenants served for the first time
 * @param changed ids of tenants whose definition was replaced
 * @param refused errors of each refused file, by file; its tenant (if it was served)
 * keeps its last good definition
 * @param withoutFile ids still served although no file declares them any more: removing a
 * commune is an explicit operator act, never the side effect of a deleted file
 */
public record ReloadReport(List<String> added, List<String> changed, Map<Path, List<TenantConfigError>> refused,
		List<String> withoutFile) {

	public ReloadReport {
		added = List.copyOf(added);
		changed = List.copyOf(changed);
		refused = Map.copyOf(refused);
		withoutFile = List.copyOf(withoutFile);
	}

	/** Every error of every refused file, by file then line. */
	public List<TenantConfigError> errors() {
		return this.refused.values().stream().flatMap(List::stream).sorted(FileTenantCatalog.ERROR_ORDER).toList();
	}

	/** Whether every file was accepted. */
	public boolean ok() {
		return this.refused.isEmpty();
	}

}
