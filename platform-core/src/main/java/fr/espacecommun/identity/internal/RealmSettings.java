package fr.espacecommun.identity.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The realm settings the platform owns, and how a wanted realm is copied and compared
 * with what Keycloak holds; any other setting is left as Keycloak has it.
 */
final class RealmSettings {

	private static final List<Setting<?>> SETTINGS = List.of(
			new Setting<>("displayName", RealmRepresentation::getDisplayName, RealmRepresentation::setDisplayName),
			new Setting<>("displayNameHtml", RealmRepresentation::getDisplayNameHtml,
					RealmRepresentation::setDisplayNameHtml),
			new Setting<>("enabled", RealmRepresentation::isEnabled, RealmRepresentation::setEnabled),
			new Setting<>("loginTheme", RealmRepresentation::getLoginTheme, RealmRepresentation::setLoginTheme),
			new Setting<>("internationalizationEnabled", RealmRepresentation::isInternationalizationEnabled,
					RealmRepresentation::setInternationalizationEnabled),
			new Setting<>("supportedLocales", RealmRepresentation::getSupportedLocales,
					RealmRepresentation::setSupportedLocales),
			new Setting<>("defaultLocale", RealmRepresentation::getDefaultLocale,
					RealmRepresentation::setDefaultLocale),
			new Setting<>("registrationAllowed", RealmRepresentation::isRegistrationAllowed,
					RealmRepresentation::setRegistrationAllowed),
			new Setting<>("registrationEmailAsUsername", RealmRepresentation::isRegistrationEmailAsUsername,
					RealmRepresentation::setRegistrationEmailAsUsername),
			new Setting<>("editUsernameAllowed", RealmRepresentation::isEditUsernameAllowed,
					RealmRepresentation::setEditUsernameAllowed),
			new Setting<>("loginWithEmailAllowed", RealmRepresentation::isLoginWithEmailAllowed,
					RealmRepresentation::setLoginWithEmailAllowed),
			new Setting<>("duplicateEmailsAllowed", RealmRepresentation::isDuplicateEmailsAllowed,
					RealmRepresentation::setDuplicateEmailsAllowed),
			new Setting<>("passwordPolicy", RealmRepresentation::getPasswordPolicy,
					RealmRepresentation::setPasswordPolicy),
			new Setting<>("bruteForceProtected", RealmRepresentation::isBruteForceProtected,
					RealmRepresentation::setBruteForceProtected),
			new Setting<>("permanentLockout", RealmRepresentation::isPermanentLockout,
					RealmRepresentation::setPermanentLockout),
			new Setting<>("failureFactor", RealmRepresentation::getFailureFactor,
					RealmRepresentation::setFailureFactor),
			new Setting<>("waitIncrementSeconds", RealmRepresentation::getWaitIncrementSeconds,
					RealmRepresentation::setWaitIncrementSeconds),
			new Setting<>("maxFailureWaitSeconds", RealmRepresentation::getMaxFailureWaitSeconds,
					RealmRepresentation::setMaxFailureWaitSeconds),
			new Setting<>("maxDeltaTimeSeconds", RealmRepresentation::getMaxDeltaTimeSeconds,
					RealmRepresentation::setMaxDeltaTimeSeconds),
			new Setting<>("quickLoginCheckMilliSeconds", RealmRepresentation::getQuickLoginCheckMilliSeconds,
					RealmRepresentation::setQuickLoginCheckMilliSeconds),
			new Setting<>("minimumQuickLoginWaitSeconds", RealmRepresentation::getMinimumQuickLoginWaitSeconds,
					RealmRepresentation::setMinimumQuickLoginWaitSeconds));

	private RealmSettings() {
	}

	/** The platform-owned settings and attributes of the wanted realm, in a new one. */
	static RealmRepresentation copyOf(RealmRepresentation wanted) {
		RealmRepresentation copy = new RealmRepresentation();
		for (Setting<?> setting : SETTINGS) {
			setting.copy(wanted, copy);
		}
		copy.setAttributes(Map.copyOf(wanted.getAttributes()));
		return copy;
	}

	/**
	 * The settings of {@code current} that differ from {@code wanted}, as a partial
	 * representation for {@code realm.update}; their names go into {@code changes}.
	 */
	static RealmRepresentation differences(RealmRepresentation wanted, RealmRepresentation current,
			List<String> changes) {
		RealmRepresentation patch = new RealmRepresentation();
		for (Setting<?> setting : SETTINGS) {
			if (setting.copyIfDifferent(wanted, current, patch)) {
				changes.add(setting.name());
			}
		}
		// only the attributes the platform owns are compared: Keycloak and people keep
		// others there too
		Map<String, String> held = (current.getAttributes() != null) ? current.getAttributes() : Map.of();
		Map<String, String> owned = wanted.getAttributes();
		List<String> differing = owned.keySet()
			.stream()
			// Keycloak may keep an empty value as no value
			.filter((name) -> !Objects.equals(owned.get(name), held.getOrDefault(name, "")))
			.sorted()
			.toList();
		if (!differing.isEmpty()) {
			// Keycloak replaces the whole map: the others are sent back as they are
			Map<String, String> merged = new HashMap<>(held);
			merged.putAll(owned);
			patch.setAttributes(merged);
			changes.add("attributes " + differing);
		}
		return patch;
	}

	/** One realm setting the platform owns. */
	private record Setting<T>(String name, Function<RealmRepresentation, T> getter,
			BiConsumer<RealmRepresentation, T> setter) {

		void copy(RealmRepresentation from, RealmRepresentation to) {
			this.setter.accept(to, this.getter.apply(from));
		}

		boolean copyIfDifferent(RealmRepresentation wanted, RealmRepresentation current, RealmRepresentation patch) {
			T value = this.getter.apply(wanted);
			if (Objects.equals(value, this.getter.apply(current))) {
				return false;
			}
			this.setter.accept(patch, value);
			return true;
		}

	}

}
