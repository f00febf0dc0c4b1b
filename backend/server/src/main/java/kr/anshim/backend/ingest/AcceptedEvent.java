package kr.anshim.backend.ingest;

import kr.anshim.api.SignalType;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.incident.Signal;

import java.time.Instant;
import java.util.UUID;

/** An event that passed validation and awaits its commit. */
record AcceptedEvent(UUID eventId, RegisteredDevice device, SignalType type, Instant occurredAt, Instant receivedAt,
                     String payloadJson) {

    Signal signal() {
        return new Signal(eventId, device.id(), device.family(), type, occurredAt, device.householdId(),
                device.wardCode(), device.latitude(), device.longitude(), device.protectedPerson());
    }
}
