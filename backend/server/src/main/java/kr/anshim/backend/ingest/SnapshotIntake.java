package kr.anshim.backend.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials.Kind;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SnapshotRefusal;
import kr.anshim.api.SnapshotUpload;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.device.Tokens;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.storage.SnapshotDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A door camera's still image for one of its own stored alarms ({@code device.snapshot}). A path of
 * its own beside intake, so no image can delay an alarm: the checks run on two threads of their own,
 * at most {@code max-in-flight} snapshots are decided at once (past that {@code OVERLOADED} at once),
 * and the writes go through {@link SnapshotDatabase}, never the journal's pool or the ward owner's
 * batches. Every frame gets one {@link Ack}; refusals carry a {@link SnapshotRefusal} code and are counted.
 */
@Component
class SnapshotIntake implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotIntake.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final DatabaseClient db;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final int maxInFlight;
    private final Duration timeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Scheduler checks = Schedulers.newBoundedElastic(2, 64, "anshim-snapshots", 60, true);
    private final Map<SnapshotRefusal, Counter> refused = new EnumMap<>(SnapshotRefusal.class);
    private final Counter stored;
    private final Counter duplicates;
    private final DistributionSummary sizes;

    SnapshotIntake(SnapshotDatabase snapshots, DeviceRegistry registry, Clock clock, MeterRegistry meters,
                   @Value("${anshim.ingest.snapshot.max-in-flight:8}") int maxInFlight,
                   @Value("${anshim.ingest.snapshot.timeout:PT5S}") Duration timeout) {
        this.db = snapshots.client();
        this.registry = registry;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.timeout = timeout;
        for (SnapshotRefusal reason : SnapshotRefusal.values()) {
            refused.put(reason, counter(meters, "REJECTED", reason.name()));
        }
        this.stored = counter(meters, "STORED", "NONE");
        this.duplicates = counter(meters, "DUPLICATE", "NONE");
        this.sizes = DistributionSummary.builder("anshim.snapshots.bytes").baseUnit("bytes")
                .description("Sizes of the door-camera snapshots stored").register(meters);
    }

    private static Counter counter(MeterRegistry meters, String outcome, String reason) {
        return Counter.builder("anshim.snapshots").tag("outcome", outcome).tag("reason", reason)
                .description("Door-camera snapshots, by outcome and refusal reason").register(meters);
    }

    /** Exactly one answer for the frame, whatever it holds. */
    Mono<Ack> accept(byte[] frame, Caller caller) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Mono.just(refuse(null, SnapshotRefusal.OVERLOADED,
                    "too many snapshots are being stored now; resend this one after a random delay (alarms are not affected)"));
        }
        return Mono.fromCallable(() -> check(frame, caller)).subscribeOn(checks)
                .flatMap(checked -> checked.refusal != null ? Mono.just(checked.refusal) : store(checked, caller))
                .timeout(timeout)
                .onErrorResume(error -> {
                    log.debug("Snapshot not stored: {}", error.toString());
                    return Mono.just(refuse(null, SnapshotRefusal.STORAGE_UNAVAILABLE,
                            "not stored: the control centre cannot store snapshots now; resend it unchanged shortly"));
                })
                .doFinally(signal -> inFlight.decrementAndGet());
    }

    /** The header, its sender and the image, or the refusal; no database yet. */
    private Checked check(byte[] frame, Caller caller) {
        int newline = -1;
        for (int i = 0; i < Math.min(frame.length, SnapshotUpload.MAX_HEADER + 1); i++) {
            if (frame[i] == '\n') {
                newline = i;
                break;
            }
        }
        Header header = newline < 0 ? null : header(frame, newline);
        if (header == null) {
            return Checked.refused(refuse(null, SnapshotRefusal.MALFORMED_SNAPSHOT, "a snapshot is a one-line JSON header"
                    + " {\"eventId\",\"deviceId\"} of at most " + SnapshotUpload.MAX_HEADER + " bytes, a newline, then the JPEG"));
        }
        int image = frame.length - newline - 1;
        if (image > SnapshotUpload.MAX_IMAGE) {
            return Checked.refused(refuse(header.eventId, SnapshotRefusal.SNAPSHOT_TOO_LARGE,
                    "the image has " + image + " bytes; at most " + SnapshotUpload.MAX_IMAGE + " (256 KiB) are accepted"));
        }
        if (caller.kind() == Kind.DEVICE && registry.find(caller.id()).map(RegisteredDevice::family).orElse(null) != DeviceFamily.DOOR_CAMERA) {
            return Checked.refused(refuse(header.eventId, SnapshotRefusal.NOT_A_DOOR_CAMERA, "only door cameras send snapshots"));
        }
        if (!JpegCheck.isJpeg(frame, newline + 1)) {
            return Checked.refused(refuse(header.eventId, SnapshotRefusal.NOT_A_JPEG,
                    "the image is not a JPEG (it must start FF D8 FF, end FF D9 and have a readable header), whatever type it declares"));
        }
        byte[] jpeg = java.util.Arrays.copyOfRange(frame, newline + 1, frame.length);
        return new Checked(header, jpeg, Tokens.sha256(jpeg), null);
    }

    private Mono<Ack> store(Checked checked, Caller caller) {
        UUID eventId = checked.header.eventId;
        return db.sql("select device_id, incident_id from device_event where event_id = $1").bind(0, eventId)
                .map((row, meta) -> new Object[]{row.get("device_id", String.class), row.get("incident_id", UUID.class)})
                .one()
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(event -> event.isEmpty()
                        ? Mono.just(refuse(eventId, SnapshotRefusal.UNKNOWN_EVENT,
                        "no stored alarm has this eventId; send the snapshot after the alarm's STORED answer"))
                        : insert(checked, caller, (String) event.get()[0], (UUID) event.get()[1]));
    }

    private Mono<Ack> insert(Checked checked, Caller caller, String deviceId, UUID incidentId) {
        UUID eventId = checked.header.eventId;
        Optional<RegisteredDevice> device = registry.find(deviceId);
        boolean own = device.isPresent() && caller.mayRelayFor(deviceId, device.get().wardCode())
                && (caller.kind() == Kind.DEVICE || deviceId.equals(checked.header.deviceId));
        if (!own) {
            return Mono.just(refuse(eventId, SnapshotRefusal.NOT_YOUR_EVENT,
                    "this alarm is another device's; a camera attaches snapshots to its own alarms only"));
        }
        if (device.get().family() != DeviceFamily.DOOR_CAMERA) {
            return Mono.just(refuse(eventId, SnapshotRefusal.NOT_A_DOOR_CAMERA, "only door cameras send snapshots"));
        }
        var insert = db.sql("insert into event_snapshot (event_id, incident_id, device_id, received_at, sha256, jpeg)"
                        + " values ($1, $2, $3, $4, $5, $6) on conflict (event_id) do nothing")
                .bind(0, eventId);
        insert = incidentId == null ? insert.bindNull(1, UUID.class) : insert.bind(1, incidentId);
        return insert.bind(2, deviceId)
                .bind(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .bind(4, checked.sha256)
                .bind(5, checked.jpeg)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows > 0 ? Mono.just(stored(eventId, checked.jpeg.length)) : existing(eventId, checked.sha256));
    }

    private Mono<Ack> existing(UUID eventId, String sha256) {
        return db.sql("select sha256 from event_snapshot where event_id = $1").bind(0, eventId)
                .map((row, meta) -> row.get("sha256", String.class)).one()
                .map(stored -> {
                    if (stored.equals(sha256)) {
                        duplicates.increment();
                        return Ack.duplicate(eventId);
                    }
                    return refuse(eventId, SnapshotRefusal.SNAPSHOT_EXISTS, "this alarm already has another snapshot; one per alarm");
                });
    }

    private Ack stored(UUID eventId, int bytes) {
        stored.increment();
        sizes.record(bytes);
        return Ack.stored(eventId);
    }

    private Ack refuse(UUID eventId, SnapshotRefusal reason, String message) {
        refused.get(reason).increment();
        log.debug("Refused snapshot {}: {} {}", eventId, reason, message);
        return Ack.rejected(eventId, reason.name(), message);
    }

    /** The header's eventId and deviceId; null when it is not one JSON object holding a UUID eventId. */
    private static Header header(byte[] frame, int length) {
        try (JsonParser parser = JSON.createParser(frame, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            UUID eventId = null;
            String deviceId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("eventId".equals(name) && value == JsonToken.VALUE_STRING) {
                    eventId = UUID.fromString(parser.getText());
                } else if ("deviceId".equals(name) && value == JsonToken.VALUE_STRING) {
                    deviceId = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            return eventId == null || parser.nextToken() != null ? null : new Header(eventId, deviceId);
        } catch (IOException | IllegalArgumentException malformed) {
            return null;
        }
    }

    @Override
    public void destroy() {
        checks.dispose();
    }

    private record Header(UUID eventId, String deviceId) {
    }

    private record Checked(Header header, byte[] jpeg, String sha256, Ack refusal) {
        static Checked refused(Ack refusal) {
            return new Checked(null, null, null, refusal);
        }
    }
}
