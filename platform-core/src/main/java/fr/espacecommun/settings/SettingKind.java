package fr.espacecommun.settings;

/** What a commune's staff can edit at run time. */
public enum SettingKind {

	/** The CGU: a new version citizens must accept. */
	TERMS,
	/** The password rules, applied by the wizard and by the realm. */
	PASSWORD_POLICY,
	/** Whether each optional field is required, optional or hidden. */
	FIELDS

}
