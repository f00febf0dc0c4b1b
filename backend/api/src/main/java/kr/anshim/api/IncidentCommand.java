package kr.anshim.api;

import java.util.UUID;

/**
 * An operator's, police liaison's or supervisor's action on an incident (route
 * {@link Routes#INCIDENT_COMMAND}). Every accepted command is stored as an attributed, timestamped
 * transition; an illegal one is refused with a clear error.
 *
 * @param incidentId         the incident
 * @param action             what to do
 * @param actor              who does it (the signed-in user; the screen vouches for it)
 * @param value              the target state for {@code CALL_112} and {@code CALLBACK}, the outcome for {@code RESOLVE};
 *                           {@link #BULK} for an {@code ACKNOWLEDGE} that is part of a group (refused for a critical incident)
 * @param responderId        the responder for {@code DISPATCH}
 * @param residentRequested  for {@code DISPATCH}: the resident asked for it (else alarm-triggered); null = infer from the signals
 * @param crimeRiskConfirmed for {@code DISPATCH}: a crime risk was confirmed (waives the resident's fee)
 * @param note               free text, required for {@code NOTE} and (the reason) for {@code REOPEN}
 */
public record IncidentCommand(UUID incidentId, Action action, String actor, String value, String responderId,
                              Boolean residentRequested, boolean crimeRiskConfirmed, String note) {

    /** The value of an ACKNOWLEDGE sent as part of a group: a CRITICAL incident refuses it. */
    public static final String BULK = "BULK";

    public enum Action {
        ACKNOWLEDGE, DISPATCH, EN_ROUTE, ON_SCENE, RESOLVE, FALSE_ALARM, CANCEL, NOTE, CALL_112, CALLBACK,
        /** A person takes a resolved or false-alarm incident back within the grace period; the note (the reason) is required. */
        REOPEN
    }

    public static IncidentCommand of(UUID incidentId, Action action, String actor) {
        return new IncidentCommand(incidentId, action, actor, null, null, null, false, null);
    }

    public IncidentCommand withValue(String newValue) {
        return new IncidentCommand(incidentId, action, actor, newValue, responderId, residentRequested, crimeRiskConfirmed, note);
    }

    public IncidentCommand withNote(String newNote) {
        return new IncidentCommand(incidentId, action, actor, value, responderId, residentRequested, crimeRiskConfirmed, newNote);
    }

    public IncidentCommand dispatching(String responder, Boolean requestedByResident, boolean crimeRisk) {
        return new IncidentCommand(incidentId, action, actor, value, responder, requestedByResident, crimeRisk, note);
    }
}
