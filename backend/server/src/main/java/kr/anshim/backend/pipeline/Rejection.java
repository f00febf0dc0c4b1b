package kr.anshim.backend.pipeline;

import kr.anshim.api.Ack;

import java.util.UUID;

/**
 * Why an event was refused. The reason is a stable code for machines and metrics; the message
 * tells the sender what to fix.
 */
public record Rejection(UUID eventId, Reason reason, String message) {

    public enum Reason {
        MALFORMED_JSON, PAYLOAD_TOO_LARGE, SCHEMA_VIOLATION, UNKNOWN_TYPE, TYPE_NOT_FOR_FAMILY,
        UNKNOWN_DEVICE, REVOKED_DEVICE, NOT_YOUR_DEVICE, TIME_IN_FUTURE, TIME_TOO_OLD, WRONG_ROUTE, OVERLOADED,
        STORAGE_UNAVAILABLE, EVENT_ID_CONFLICT, UNSTORABLE
    }

    /** Not stored this time, through no fault of the sender's event: resend it unchanged. */
    public static Rejection storageUnavailable(UUID eventId) {
        return new Rejection(eventId, Reason.STORAGE_UNAVAILABLE,
                "not stored: the control centre's database is unavailable; resend this event unchanged shortly");
    }

    public Ack ack() {
        return Ack.rejected(eventId, reason.name(), message);
    }
}
