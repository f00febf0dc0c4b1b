package kr.anshim.api;

import java.util.UUID;

/**
 * The answer to one device event.
 *
 * @param eventId the event answered
 * @param outcome {@link Outcome#STORED} after a durable commit, {@link Outcome#DUPLICATE} when the
 *                event was already stored, {@link Outcome#REJECTED} with a reason otherwise
 * @param reason  machine-readable reason for a rejection, else {@code null}
 * @param message human-readable detail for a rejection, else {@code null}
 */
public record Ack(UUID eventId, Outcome outcome, String reason, String message) {

    public enum Outcome { STORED, DUPLICATE, REJECTED }

    public static Ack stored(UUID eventId) {
        return new Ack(eventId, Outcome.STORED, null, null);
    }

    public static Ack duplicate(UUID eventId) {
        return new Ack(eventId, Outcome.DUPLICATE, null, null);
    }

    public static Ack rejected(UUID eventId, String reason, String message) {
        return new Ack(eventId, Outcome.REJECTED, reason, message);
    }

    /** True when the event is safely stored, now or before; the device may forget it. */
    public boolean durable() {
        return outcome != Outcome.REJECTED;
    }
}
