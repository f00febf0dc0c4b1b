package kr.anshim.backend.incident;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;

import java.time.Instant;
import java.util.UUID;

/** A stored device event with the household facts correlation needs. */
public record Signal(UUID eventId, String deviceId, DeviceFamily family, SignalType type, Instant occurredAt,
                     String householdId, String wardCode, double latitude, double longitude, boolean protectedPerson) {

    /** Motion, low battery and heartbeats join an open incident but never open one on their own. */
    public boolean opensIncident() {
        return switch (type) {
            case HEARTBEAT, MOTION, LOW_BATTERY -> false;
            default -> true;
        };
    }
}
