package kr.anshim.backend.pipeline;

import kr.anshim.api.SignalType;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.incident.Signal;

import java.time.Instant;
import java.util.UUID;

/** An event that passed validation (intake) and awaits its commit by its ward's owner. */
public record AcceptedEvent(UUID eventId, RegisteredDevice device, SignalType type, Instant occurredAt, Instant receivedAt,
                     String payloadJson) {

    public Signal signal() {
        return new Signal(eventId, device.id(), device.family(), type, occurredAt, device.householdId(),
                device.wardCode(), device.latitude(), device.longitude(), device.protectedPerson());
    }
}
