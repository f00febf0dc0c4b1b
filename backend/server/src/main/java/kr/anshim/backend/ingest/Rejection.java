package kr.anshim.backend.ingest;

import kr.anshim.api.Ack;

import java.util.UUID;

/**
 * Why an event was refused. The reason is a stable code for machines and metrics; the message
 * tells the sender what to fix.
 */
record Rejection(UUID eventId, Reason reason, String message) {

    enum Reason {
        MALFORMED_JSON, PAYLOAD_TOO_LARGE, SCHEMA_VIOLATION, UNKNOWN_TYPE, TYPE_NOT_FOR_FAMILY,
        UNKNOWN_DEVICE, REVOKED_DEVICE, NOT_YOUR_DEVICE, TIME_IN_FUTURE, TIME_TOO_OLD, WRONG_ROUTE, OVERLOADED,
        STORAGE_UNAVAILABLE
    }

    Ack ack() {
        return Ack.rejected(eventId, reason.name(), message);
    }
}
