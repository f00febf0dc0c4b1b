package kr.anshim.backend.responder;

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
}
