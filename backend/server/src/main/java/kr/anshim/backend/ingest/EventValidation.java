package kr.anshim.backend.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.SignalType;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.pipeline.AcceptedEvent;
import kr.anshim.backend.pipeline.Rejection;
import kr.anshim.backend.pipeline.Rejection.Reason;
import kr.anshim.backend.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns raw bytes into an {@link AcceptedEvent} or a {@link Rejection}: size, JSON, the published
 * schema ({@code device-event.schema.json}), a known and active device, a type its family may
 * send, and a sane timestamp. Never throws for bad input.
 */
@Component
class EventValidation {

    static final int MAX_BYTES = 8 * 1024;

    /** What a device may send; DEVICE_OFFLINE and PROTECTION_GAP are raised by the backend only. */
    private static final Set<String> DEVICE_TYPES = java.util.Arrays.stream(SignalType.values())
            .filter(SignalType::sentByDevices).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private static final UUID NIL = new UUID(0, 0);

    private final ObjectReader strict;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final JsonSchema schema;
    private final Duration maxFuture;
    private final Duration maxAge;

    EventValidation(ObjectMapper json, DeviceRegistry registry, Clock clock,
                    @Value("${anshim.ingest.max-future:PT5M}") Duration maxFuture,
                    @Value("${anshim.ingest.max-age:PT24H}") Duration maxAge) {
        this.strict = StrictJson.reader(json);
        this.registry = registry;
        this.clock = clock;
        this.maxFuture = maxFuture;
        this.maxAge = maxAge;
        this.schema = loadSchema();
    }

    /** Validates one event sent by {@code caller}. */
    Result validate(byte[] bytes, Caller caller) {
        if (bytes.length == 0) {
            return reject(null, Reason.MALFORMED_JSON, "empty frame: an event is one JSON object; see docs/device-protocol.md");
        }
        if (bytes.length > MAX_BYTES) {
            return reject(null, Reason.PAYLOAD_TOO_LARGE, "event is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        Optional<String> badText = StrictJson.checkUtf8(bytes);
        if (badText.isPresent()) {
            return reject(null, Reason.MALFORMED_JSON, badText.get());
        }
        JsonNode tree;
        try {
            tree = strict.readTree(bytes);
        } catch (IOException e) {
            return reject(null, Reason.MALFORMED_JSON, "not valid JSON: " + StrictJson.describe(e));
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            return reject(null, Reason.MALFORMED_JSON, "an event must be a JSON object");
        }
        UUID eventId = eventIdOrNull(tree);
        Optional<String> badValue = StrictJson.checkValues(tree);
        if (badValue.isPresent()) {
            return reject(eventId, Reason.MALFORMED_JSON, badValue.get());
        }
        if (NIL.equals(eventId)) {
            return reject(null, Reason.SCHEMA_VIOLATION,
                    "eventId is the all-zero UUID; each event needs its own random UUID (a firmware default is not one)");
        }
        JsonNode type = tree.get("type");
        if (type != null && type.isTextual() && !DEVICE_TYPES.contains(type.asText())) {
            return reject(eventId, Reason.UNKNOWN_TYPE, "unknown event type '" + type.asText() + "'; see docs/device-protocol.md");
        }
        Set<ValidationMessage> violations = schema.validate(tree);
        if (!violations.isEmpty()) {
            return schemaRejection(eventId, violations);
        }
        return checkDevice(eventId, tree, caller);
    }

    private Result checkDevice(UUID eventId, JsonNode tree, Caller caller) {
        String deviceId = tree.get("deviceId").asText();
        if (caller.kind() == ConnectionCredentials.Kind.DEVICE && !caller.id().equals(deviceId)) {
            return reject(eventId, Reason.NOT_YOUR_DEVICE,
                    "this connection is authenticated as device " + caller.id() + ", not " + deviceId);
        }
        Optional<RegisteredDevice> device = registry.find(deviceId);
        if (device.isEmpty()) {
            return reject(eventId, Reason.UNKNOWN_DEVICE, "device " + deviceId + " is not registered");
        }
        if (device.get().revoked()) {
            return reject(eventId, Reason.REVOKED_DEVICE, "device " + deviceId + " has been revoked");
        }
        if (!caller.mayRelayFor(deviceId, device.get().wardCode())) {
            return reject(eventId, Reason.NOT_YOUR_DEVICE, caller.kind() + " " + caller.id()
                    + " may not relay for device " + deviceId + " in ward " + device.get().wardCode());
        }
        SignalType type = SignalType.valueOf(tree.get("type").asText());
        if (!type.allowedFor(device.get().family())) {
            return reject(eventId, Reason.TYPE_NOT_FOR_FAMILY,
                    "a " + device.get().family() + " cannot send " + type);
        }
        return checkTime(eventId, tree, device.get(), type);
    }

    private Result checkTime(UUID eventId, JsonNode tree, RegisteredDevice device, SignalType type) {
        Instant occurredAt;
        try {
            // PostgreSQL keeps microseconds: round here, so the stored event and a resend compare equal
            occurredAt = OffsetDateTime.parse(tree.get("occurredAt").asText()).toInstant()
                    .plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        } catch (java.time.format.DateTimeParseException e) {
            return reject(eventId, Reason.SCHEMA_VIOLATION,
                    "occurredAt must be RFC 3339 with 'T' and an offset, e.g. 2026-11-23T22:15:03+09:00");
        }
        Instant now = clock.instant();
        if (occurredAt.isAfter(now.plus(maxFuture))) {
            return reject(eventId, Reason.TIME_IN_FUTURE, "occurredAt " + occurredAt + " is more than "
                    + maxFuture.toMinutes() + " minutes ahead of the control centre's clock (" + now + ")");
        }
        if (occurredAt.isBefore(now.minus(maxAge))) {
            return reject(eventId, Reason.TIME_TOO_OLD, "occurredAt " + occurredAt + " is older than "
                    + maxAge.toHours() + " hours");
        }
        JsonNode payload = tree.get("payload");
        String payloadJson = payload == null ? "{}" : payload.toString();
        return new Result(new AcceptedEvent(eventId, device, type, occurredAt, now, payloadJson), null);
    }

    private Result schemaRejection(UUID eventId, Set<ValidationMessage> violations) {
        String detail = violations.stream().map(ValidationMessage::getMessage).sorted().limit(5)
                .collect(Collectors.joining("; "));
        return reject(eventId, Reason.SCHEMA_VIOLATION, detail);
    }

    private static UUID eventIdOrNull(JsonNode tree) {
        JsonNode id = tree.get("eventId");
        if (id == null || !id.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(id.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Result reject(UUID eventId, Reason reason, String message) {
        return new Result(null, new Rejection(eventId, reason, message));
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = SignalType.class.getResourceAsStream("device-event.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("device-event.schema.json missing from the classpath");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly one of the two is set. */
    record Result(AcceptedEvent accepted, Rejection rejection) {
    }
}
