package fr.espacecommun.accountimport.internal;

/** Where an import stands. */
public enum ImportState {

	/** Read and checked; nothing created until the staff confirm. */
	PREVIEW,
	/** Being created in the background. */
	RUNNING,
	/** Every line handled. */
	DONE

}
