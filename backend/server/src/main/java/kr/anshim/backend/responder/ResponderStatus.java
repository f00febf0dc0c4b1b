package kr.anshim.backend.responder;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a responder is in a call. The normal round is AVAILABLE, DISPATCHED, EN_ROUTE, ON_SCENE,
 * RETURNING and AVAILABLE again; a dispatch may be cancelled before arrival (DISPATCHED or
 * EN_ROUTE back to AVAILABLE); anyone may go OFF_DUTY and come back AVAILABLE.
 */
public enum ResponderStatus {
    AVAILABLE, DISPATCHED, EN_ROUTE, ON_SCENE, RETURNING, OFF_DUTY;

    /** Whether a responder in this status may change to {@code next}; staying put is not a change. */
    public boolean canBecome(ResponderStatus next) {
        if (next == this) {
            return false;
        }
        if (next == OFF_DUTY) {
            return true;
        }
        return switch (this) {
            case AVAILABLE -> next == DISPATCHED;
            case DISPATCHED -> next == EN_ROUTE || next == AVAILABLE;
            case EN_ROUTE -> next == ON_SCENE || next == AVAILABLE;
            case ON_SCENE -> next == RETURNING;
            case RETURNING, OFF_DUTY -> next == AVAILABLE;
        };
    }

    /** The statuses this one may change to, for error messages. */
    public Set<ResponderStatus> successors() {
        return Arrays.stream(values()).filter(this::canBecome)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ResponderStatus.class)));
    }

    /** Still tied to the incident it was assigned to (so the screen can show which). */
    boolean onCall() {
        return this == DISPATCHED || this == EN_ROUTE || this == ON_SCENE || this == RETURNING;
    }
}
