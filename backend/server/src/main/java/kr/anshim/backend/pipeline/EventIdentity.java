package kr.anshim.backend.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * When two events with one {@code eventId} are the same event: the same device, type, time and
 * payload. Then the second is a resend and answered {@code DUPLICATE}; otherwise it is a conflict.
 * The stored key stays {@code event_id} (globally unique): a device's id is its own choice, and a
 * second device reusing it must hear that its alarm was not stored, not that it was.
 */
final class EventIdentity {

    static final String COLUMNS = "event_id, device_id, type, occurred_at, payload::text as payload";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventIdentity() {
    }

    /** An event as the database holds it. */
    record Stored(UUID eventId, String deviceId, String type, Instant occurredAt, String payloadJson) {
    }

    static Stored read(Readable row) {
        return new Stored(row.get("event_id", UUID.class), row.get("device_id", String.class),
                row.get("type", String.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
                row.get("payload", String.class));
    }

    static boolean sameEvent(Stored stored, AcceptedEvent event) {
        return stored.deviceId().equals(event.device().id()) && stored.type().equals(event.type().name())
                && stored.occurredAt().equals(event.occurredAt()) && samePayload(stored.payloadJson(), event.payloadJson());
    }

    static boolean sameEvent(AcceptedEvent a, AcceptedEvent b) {
        return a.device().id().equals(b.device().id()) && a.type() == b.type() && a.occurredAt().equals(b.occurredAt())
                && samePayload(a.payloadJson(), b.payloadJson());
    }

    /** jsonb normalises spacing and key order, so compare parsed trees, not text. */
    private static boolean samePayload(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Objects.equals(tree(a), tree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static JsonNode tree(String json) throws JsonProcessingException {
        return JSON.readTree(json);
    }
}
