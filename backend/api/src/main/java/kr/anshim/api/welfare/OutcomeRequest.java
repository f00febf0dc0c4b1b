package kr.anshim.api.welfare;

import java.util.UUID;

/** The officer's outcome of a welfare incident; it closes the incident. */
public record OutcomeRequest(UUID incidentId, WelfareOutcome outcome, String note) {
}
