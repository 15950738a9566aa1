package fr.espacecommun.tenant;

/** What a citizen field holds, which decides its input control and its checks. */
public enum FieldKind {

	/** Free single-line text (names, cities, building). */
	TEXT,
	/** Madame / Monsieur. */
	CIVILITY,
	/** A date in the past (HTML date or dd/mm/yyyy). */
	BIRTH_DATE,
	/** A French département code ("95", "2A", "974"). */
	DEPARTMENT,
	/** A postal code (5 digits in France). */
	POSTAL_CODE,
	/** A French phone number. */
	PHONE,
	/** An e-mail address. */
	EMAIL,
	/** How the citizen prefers to be contacted. */
	PREFERRED_CONTACT,
	/** A SIRET number with its Luhn key. */
	SIRET,
	/** An association's RNA number (W and 9 characters). */
	RNA,
	/** The address search-as-you-type box; free text too. */
	ADDRESS_SEARCH,
	/** The username a citizen chooses. */
	USERNAME,
	/** A picture, not collected by the wizard (added later in Mon espace). */
	PHOTO

}
