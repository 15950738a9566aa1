package fr.espacecommun.registration.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import fr.espacecommun.registration.AcceptanceProofs;
import fr.espacecommun.registration.CitizenRecords;
import fr.espacecommun.registration.PendingApprovals.Registration;
import fr.espacecommun.registration.RegistrationService.Acceptance;
import fr.espacecommun.registration.RegistrationService.RegistrationOutcome;
import org.jspecify.annotations.Nullable;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;

/** Wizard fields to the profile, and rows to the records the other features read. */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface RegistrationMapper {

	/**
	 * A new profile from the wizard's fields, by field id; fields left blank or absent
	 * are empty.
	 */
	ProfileFields profile(Map<String, String> fields);

	Acceptance acceptance(AcceptanceProof proof);

	@Mapping(target = "userId", source = "keycloakUserId")
	AcceptanceProofs.Proof proof(AcceptanceProof proof);

	@Mapping(target = "value", source = "keyValue")
	CitizenRecords.LinkedKey linkedKey(ServiceKeyLink link);

	@Mapping(target = "userId", source = "keycloakUserId")
	@Mapping(target = "submittedAt", source = "createdAt")
	Registration registration(RegistrationRow row);

	@Mapping(target = "activationDeadline", source = "deadline")
	RegistrationOutcome outcome(RegistrationRow row);

	/** Blank text is no text. */
	default @Nullable String text(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** The wizard sends ISO dates (input type=date); French typing is accepted too. */
	default @Nullable LocalDate date(@Nullable String value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			return LocalDate.parse(text, DateTimeFormatter.ofPattern("dd/MM/uuuu"));
		}
	}

}
