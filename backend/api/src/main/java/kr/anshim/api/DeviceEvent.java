package kr.anshim.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The envelope every device sends. The event id is chosen by the device, so a resend after a lost
 * acknowledgement carries the same id and is recognised as a duplicate.
 *
 * @param eventId    chosen by the device, unique per event
 * @param deviceId   the registered device
 * @param occurredAt when the device observed it
 * @param type       the event type, e.g. {@code LOITERING}; see docs/device-protocol.md
 * @param payload    type-specific fields, may be empty
 */
public record DeviceEvent(UUID eventId, String deviceId, Instant occurredAt, String type, Map<String, Object> payload) {

    public DeviceEvent {
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }
}
