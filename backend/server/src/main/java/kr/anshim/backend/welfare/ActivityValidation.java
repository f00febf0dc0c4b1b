package kr.anshim.backend.welfare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.ingest.StrictJson;
import kr.anshim.backend.security.Caller;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Checks an activity summary as strictly as the alarm routes check events: size, strict UTF-8 JSON
 * (one object, no NUL, no lone surrogate, finite numbers), the published schema
 * ({@code activity-summary.schema.json}), a known, active ACTIVITY_SUMMARY device the caller may send
 * for, and sane times. Never throws for bad input: the answer is a summary or a refusal.
 */
@Component
class ActivityValidation {

    static final int MAX_BYTES = 4 * 1024;
    /** The oldest last activity accepted: beyond every threshold by far. */
    static final Duration MAX_INACTIVE = Duration.ofDays(60);

    private static final UUID NIL = new UUID(0, 0);

    private final ObjectReader strict;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final JsonSchema schema = loadSchema();
    private final Duration maxFuture = Duration.ofMinutes(5);
    private final Duration maxAge = Duration.ofHours(72);

    ActivityValidation(ObjectMapper json, DeviceRegistry registry, Clock clock) {
        this.strict = StrictJson.reader(json);
        this.registry = registry;
        this.clock = clock;
    }

    /** A valid summary, with the household of its device. */
    record Summary(UUID eventId, RegisteredDevice device, Instant occurredAt, Instant lastActivityAt, Instant receivedAt,
                   String json) {
    }

    /** Exactly one of the two is set. */
    record Result(Summary summary, Ack refusal) {
    }

    Result validate(byte[] bytes, Caller caller) {
        if (bytes == null || bytes.length == 0) {
            return refuse(null, "MALFORMED_JSON", "empty frame: a summary is one JSON object; see docs/device-protocol.md");
        }
        if (bytes.length > MAX_BYTES) {
            return refuse(null, "PAYLOAD_TOO_LARGE", "summary is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        Optional<String> badText = StrictJson.checkUtf8(bytes);
        if (badText.isPresent()) {
            return refuse(null, "MALFORMED_JSON", badText.get());
        }
        JsonNode tree;
        try {
            tree = strict.readTree(bytes);
        } catch (IOException e) {
            return refuse(null, "MALFORMED_JSON", "not valid JSON: " + StrictJson.describe(e));
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            return refuse(null, "MALFORMED_JSON", "a summary must be a JSON object");
        }
        UUID eventId = eventIdOrNull(tree);
        Optional<String> badValue = StrictJson.checkValues(tree);
        if (badValue.isPresent()) {
            return refuse(eventId, "MALFORMED_JSON", badValue.get());
        }
        if (NIL.equals(eventId)) {
            return refuse(null, "SCHEMA_VIOLATION", "eventId is the all-zero UUID; each summary needs its own random UUID");
        }
        Set<ValidationMessage> violations = schema.validate(tree);
        if (!violations.isEmpty()) {
            return refuse(eventId, "SCHEMA_VIOLATION", violations.stream().map(ValidationMessage::getMessage).sorted()
                    .limit(5).collect(Collectors.joining("; ")));
        }
        return checkDevice(eventId, tree, caller, bytes);
    }

    private Result checkDevice(UUID eventId, JsonNode tree, Caller caller, byte[] bytes) {
        String deviceId = tree.get("deviceId").asText();
        if (caller.kind() == ConnectionCredentials.Kind.DEVICE && !caller.id().equals(deviceId)) {
            return refuse(eventId, "NOT_YOUR_DEVICE", "this connection is authenticated as device " + caller.id() + ", not " + deviceId);
        }
        Optional<RegisteredDevice> device = registry.find(deviceId);
        if (device.isEmpty()) {
            return refuse(eventId, "UNKNOWN_DEVICE", "device " + deviceId + " is not registered");
        }
        if (device.get().revoked()) {
            return refuse(eventId, "REVOKED_DEVICE", "device " + deviceId + " has been revoked");
        }
        if (!caller.mayRelayFor(deviceId, device.get().wardCode())) {
            return refuse(eventId, "NOT_YOUR_DEVICE", caller.kind() + " " + caller.id() + " may not send for device "
                    + deviceId + " in ward " + device.get().wardCode());
        }
        if (device.get().family() != DeviceFamily.ACTIVITY_SUMMARY) {
            return refuse(eventId, "TYPE_NOT_FOR_FAMILY", "a " + device.get().family()
                    + " cannot send activity summaries; only ACTIVITY_SUMMARY devices can");
        }
        return checkTimes(eventId, tree, device.get(), bytes);
    }

    private Result checkTimes(UUID eventId, JsonNode tree, RegisteredDevice device, byte[] bytes) {
        Instant occurredAt;
        Instant lastActivityAt;
        try {
            occurredAt = micros(tree.get("occurredAt").asText());
            lastActivityAt = micros(tree.get("lastActivityAt").asText());
        } catch (DateTimeParseException e) {
            return refuse(eventId, "SCHEMA_VIOLATION",
                    "occurredAt and lastActivityAt must be RFC 3339 with 'T' and an offset, e.g. 2026-11-23T22:15:03+09:00");
        }
        Instant now = clock.instant();
        if (occurredAt.isAfter(now.plus(maxFuture))) {
            return refuse(eventId, "TIME_IN_FUTURE", "occurredAt " + occurredAt + " is more than 5 minutes ahead of the control centre's clock (" + now + ")");
        }
        if (occurredAt.isBefore(now.minus(maxAge))) {
            return refuse(eventId, "TIME_TOO_OLD", "occurredAt " + occurredAt + " is older than 72 hours");
        }
        if (lastActivityAt.isAfter(occurredAt)) {
            return refuse(eventId, "SCHEMA_VIOLATION", "lastActivityAt " + lastActivityAt + " is after the summary's occurredAt " + occurredAt);
        }
        if (lastActivityAt.isBefore(occurredAt.minus(MAX_INACTIVE))) {
            return refuse(eventId, "TIME_TOO_OLD", "lastActivityAt " + lastActivityAt + " is more than 60 days before occurredAt");
        }
        return new Result(new Summary(eventId, device, occurredAt, lastActivityAt, now, tree.toString()), null);
    }

    /** PostgreSQL keeps microseconds: rounded here, so a stored summary and its resend compare equal. */
    private static Instant micros(String text) {
        return OffsetDateTime.parse(text).toInstant().plusNanos(500).truncatedTo(ChronoUnit.MICROS);
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

    private static Result refuse(UUID eventId, String reason, String message) {
        return new Result(null, Ack.rejected(eventId, reason, message));
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = SignalType.class.getResourceAsStream("activity-summary.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("activity-summary.schema.json missing from the classpath");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
