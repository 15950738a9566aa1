package fr.espacecommun.settings;

import java.time.Instant;

/**
 * One published version of a setting.
 *
 * @param tenantId the commune
 * @param kind what was edited
 * @param version 1, 2, … per tenant and kind
 * @param value the setting, as JSON
 * @param author who published it (a username of the commune's realm)
 * @param createdAt when
 */
public record SettingVersion(String tenantId, SettingKind kind, int version, String value, String author,
		Instant createdAt) {
}
