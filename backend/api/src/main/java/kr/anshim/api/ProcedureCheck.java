package kr.anshim.api;

import java.util.UUID;

/** Checks off one step of an incident's procedure ({@link Routes#PROCEDURE_CHECK}), under the caller's name, now. */
public record ProcedureCheck(UUID incidentId, String stepId) {
}
