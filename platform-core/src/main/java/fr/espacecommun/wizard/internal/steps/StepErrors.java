package fr.espacecommun.wizard.internal.steps;

import java.util.ArrayList;
import java.util.List;

import fr.espacecommun.wizard.FieldError;

/** The errors of one step, in the order the citizen reads them. */
public final class StepErrors {

	private final List<FieldError> errors = new ArrayList<>();

	/** Adds an error. */
	public void add(FieldError error) {
		this.errors.add(error);
	}

	/** Adds an error before the step's others. */
	public void addFirst(FieldError error) {
		this.errors.add(0, error);
	}

	/** Whether a field already has an error. */
	public boolean has(String field) {
		return this.errors.stream().anyMatch((error) -> error.field().equals(field));
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	/** The errors, in order. */
	public List<FieldError> all() {
		return List.copyOf(this.errors);
	}

}
