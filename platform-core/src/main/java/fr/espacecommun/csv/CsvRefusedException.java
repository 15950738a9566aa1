package fr.espacecommun.csv;

/** The whole file is refused (size, type, encoding, header); nothing in it was read. */
public class CsvRefusedException extends RuntimeException {

	private final Reason reason;

	public CsvRefusedException(Reason reason) {
		super("CSV file refused: " + reason.key());
		this.reason = reason;
	}

	/** Why, for the staff member. */
	public Reason reason() {
		return this.reason;
	}

}
