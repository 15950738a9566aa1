package fr.espacecommun.wizard.internal.steps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import fr.espacecommun.support.FrenchDates;
import fr.espacecommun.tenant.StepType;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.WizardField;
import fr.espacecommun.wizard.WizardStep;
import fr.espacecommun.wizard.internal.Outcome;
import fr.espacecommun.wizard.internal.Paragraph;
import org.jspecify.annotations.Nullable;

/**
 * The confirmation page after VALIDER: the commune's own words ({@code intro}, one
 * paragraph per line) around what only the platform knows, the username of an active
 * account and the date by which staff will have activated one; the platform's own
 * sentences when the commune wrote none.
 */
public final class ConfirmationStep implements StepHandler {

	@Override
	public StepType type() {
		return StepType.CONFIRMATION;
	}

	@Override
	public List<WizardField> fields(TenantDefinition tenant) {
		return List.of();
	}

	@Override
	public void check(StepContext step, StepErrors errors) {
	}

	/** What the confirmation page says for this outcome. */
	public static List<Paragraph> paragraphs(@Nullable WizardStep confirmation, Outcome outcome) {
		List<Paragraph> commune = communeWords(confirmation);
		List<Paragraph> paragraphs = new ArrayList<>();
		switch (outcome.state()) {
			case ACTIVE -> {
				paragraphs.add(Paragraph.message("wizard.confirmation.active", outcome.username()));
				paragraphs
					.addAll(commune.isEmpty() ? List.of(Paragraph.message("wizard.confirmation.activeMore")) : commune);
			}
			case AWAITING_EMAIL_CONFIRMATION ->
				paragraphs.addAll(commune.isEmpty() ? List.of(Paragraph.message("wizard.confirmation.created"),
						Paragraph.message("wizard.confirmation.emailSent"),
						Paragraph.message("wizard.confirmation.emailFollow")) : commune);
			case AWAITING_APPROVAL -> {
				paragraphs.addAll(commune.isEmpty() ? List.of(Paragraph.message("wizard.confirmation.created"),
						Paragraph.message("wizard.confirmation.approvalNeeded")) : commune);
				if (outcome.deadline() != null) {
					paragraphs.add(Paragraph.message("wizard.confirmation.approvalDeadline",
							FrenchDates.dateTime(outcome.deadline())));
				}
			}
			// only a replayed submission of a request staff have since refused
			case REJECTED -> paragraphs.add(Paragraph.message("wizard.confirmation.rejected"));
		}
		return paragraphs;
	}

	private static List<Paragraph> communeWords(@Nullable WizardStep confirmation) {
		if (confirmation == null || confirmation.intro() == null) {
			return List.of();
		}
		return Arrays.stream(confirmation.intro().split("\\R"))
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.map(Paragraph::text)
			.toList();
	}

}
