package kr.anshim.backend.responder;

import java.util.Arrays;

/**
 * A status change or assignment that did not happen, with a stable reason for code and metrics
 * and a message for the operator. Nothing changed, in memory or in the database.
 */
public class ResponderChangeRefused extends RuntimeException {

    public enum Reason {
        /** No responder has that id. */
        UNKNOWN_RESPONDER,
        /** The status is not one of {@link ResponderStatus}. */
        UNKNOWN_STATUS,
        /** Assignment: the responder is not AVAILABLE (already on a call, or off duty). */
        NOT_AVAILABLE,
        /** The change is not a legal responder transition. */
        ILLEGAL_TRANSITION,
        /** Someone else changed the responder's status first; read it again and decide. */
        CONFLICT,
        /** The change could not be stored; nothing changed. */
        STORAGE_UNAVAILABLE
    }

    private final Reason reason;

    ResponderChangeRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ResponderChangeRefused unknownResponder(String id) {
        return new ResponderChangeRefused(Reason.UNKNOWN_RESPONDER, "no responder " + id);
    }

    static ResponderChangeRefused unknownStatus(String status) {
        return new ResponderChangeRefused(Reason.UNKNOWN_STATUS, "unknown responder status '" + status + "'; one of "
                + Arrays.toString(ResponderStatus.values()));
    }

    static ResponderChangeRefused notAvailable(Tracked responder) {
        return new ResponderChangeRefused(Reason.NOT_AVAILABLE, "%s (%s) is %s, not AVAILABLE%s".formatted(responder.id(),
                responder.callSign(), responder.status(), responder.incidentId() == null ? ""
                        : "; it is assigned to incident " + responder.incidentId()));
    }

    static ResponderChangeRefused illegal(Tracked responder, ResponderStatus next) {
        if (next == ResponderStatus.DISPATCHED) {
            return new ResponderChangeRefused(Reason.ILLEGAL_TRANSITION,
                    "a responder is DISPATCHED to an incident by assign, not by a status update");
        }
        return new ResponderChangeRefused(Reason.ILLEGAL_TRANSITION, "%s (%s) is %s and cannot become %s; it may become %s"
                .formatted(responder.id(), responder.callSign(), responder.status(), next, responder.status().successors()));
    }

    /** The stored status was not the one the change was decided from. */
    static ResponderChangeRefused changedMeanwhile(Tracked responder, ResponderStatus next) {
        return new ResponderChangeRefused(next == ResponderStatus.DISPATCHED ? Reason.NOT_AVAILABLE : Reason.CONFLICT,
                responder.id() + " is no longer " + responder.status() + ": someone changed it first; read it again");
    }

    static ResponderChangeRefused notStored(Tracked responder, ResponderStatus next, Throwable error) {
        return new ResponderChangeRefused(Reason.STORAGE_UNAVAILABLE,
                "could not store " + responder.id() + " becoming " + next + ": " + error.getMessage());
    }
}
