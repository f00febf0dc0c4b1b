package kr.anshim.backend.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import kr.anshim.api.SignalType;
import kr.anshim.backend.pipeline.AcceptedEvent;
import kr.anshim.backend.pipeline.IntakeHealth;
import kr.anshim.backend.pipeline.RateLimitedWarnings;
import kr.anshim.backend.pipeline.Rejection;
import kr.anshim.backend.pipeline.WardLog;
import kr.anshim.backend.pipeline.Rejection.Reason;
import kr.anshim.backend.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ingest path of one event: shed if intake is full, validate, then wardLog. Every event gets
 * exactly one answer; a rejection is counted by reason, logged at debug, and summarised at warn
 * at most every 10 s.
 */
@Component
class DeviceIngest {

    private static final Logger log = LoggerFactory.getLogger(DeviceIngest.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final EventValidation validation;
    private final WardLog wardLog;
    private final IntakeHealth health;
    private final Duration startWait;
    private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
    private final Map<DeviceFamily, Counter> received = new EnumMap<>(DeviceFamily.class);
    private final RateLimitedWarnings warnings = new RateLimitedWarnings(log, Duration.ofSeconds(10));

    DeviceIngest(EventValidation validation, WardLog wardLog, IntakeHealth health, MeterRegistry meters,
                 @Value("${anshim.ingest.start-wait:PT5S}") Duration startWait) {
        this.validation = validation;
        this.wardLog = wardLog;
        this.health = health;
        this.startWait = startWait;
        for (Reason reason : Reason.values()) {
            rejected.put(reason, Counter.builder("anshim.ingest.rejected").tag("reason", reason.name())
                    .description("Events refused, by reason").register(meters));
        }
        for (DeviceFamily family : DeviceFamily.values()) {
            received.put(family, Counter.builder("anshim.ingest.events.received").tag("family", family.name())
                    .description("Valid alarm events in, by device family, before they are journalled").register(meters));
        }
    }

    Mono<Ack> accept(byte[] bytes, Caller caller) {
        return accept(bytes, caller, ConnectionBudget.unlimited(), false);
    }

    /**
     * Exactly one answer per event. A refusal is a scalar {@code Mono.just}, so a channel's flatMap
     * emits it without an inner subscription: shedding stays cheap.
     */
    Mono<Ack> accept(byte[] bytes, Caller caller, ConnectionBudget budget, boolean bulk) {
        if (!health.isReady()) {
            return wardLog.ready().timeout(startWait).then(Mono.defer(() -> acceptNow(bytes, caller, budget, bulk)))
                    .onErrorResume(error -> Mono.just(notTaken(bytes, error)));
        }
        try {
            return acceptNow(bytes, caller, budget, bulk);
        } catch (RuntimeException error) {
            return Mono.just(notTaken(bytes, error));
        }
    }

    /** How many gateway events intake admits waiting at once now (what gateway channels share). */
    int admittedAtOnce() {
        return wardLog.admittedAtOnce();
    }

    /** The answer for an event that got no decision (a bug path): resend it. */
    Ack notTaken(byte[] bytes) {
        return notTaken(bytes, new IllegalStateException("no decision for an event"));
    }

    private Ack notTaken(byte[] bytes, Throwable error) {
        warnings.warn("Event not taken, sender told to resend: {}", error.toString());
        return refuse(new Rejection(quickEventId(bytes), Reason.STORAGE_UNAVAILABLE,
                "not stored: the control centre is starting or cannot store events now; resend this event unchanged shortly"));
    }

    private Mono<Ack> acceptNow(byte[] bytes, Caller caller, ConnectionBudget budget, boolean bulk) {
        // Shed before parsing: past capacity an answer must be cheap, or shedding itself collapses intake.
        if (wardLog.saturated(bulk)) {
            return Mono.just(overloaded(bytes, "the control centre is at capacity"));
        }
        if (!budget.tryTake()) {
            return Mono.just(overloaded(bytes, "this connection has too many events waiting for their commit"));
        }
        EventValidation.Result result = validation.validate(bytes, caller);
        if (result.rejection() != null) {
            budget.release();
            return Mono.just(refuse(result.rejection()));
        }
        if (result.accepted().type() == SignalType.HEARTBEAT) {
            budget.release();
            return Mono.just(refuse(new Rejection(result.accepted().eventId(), Reason.WRONG_ROUTE,
                    "heartbeats go to " + Routes.HEARTBEAT + ", not to the alarm routes")));
        }
        received.get(result.accepted().device().family()).increment();
        return wardLog.append(result.accepted(), bulk)
                .doOnNext(ack -> {
                    if (ack.outcome() == Ack.Outcome.REJECTED) {
                        countRefused(ack);
                    }
                })
                .onErrorResume(error -> Mono.just(notTaken(bytes, error)))
                .doFinally(signal -> budget.release());
    }

    private Ack overloaded(byte[] bytes, String why) {
        return refuse(new Rejection(quickEventId(bytes), Reason.OVERLOADED, why + "; not stored: resend it after a random delay"));
    }

    private Ack refuse(Rejection rejection) {
        rejected.get(rejection.reason()).increment();
        log.debug("Refused event {}: {} {}", rejection.eventId(), rejection.reason(), rejection.message());
        return rejection.ack();
    }

    private void countRefused(Ack ack) {
        try {
            rejected.get(Reason.valueOf(ack.reason())).increment();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            // journal answers use Reason names only
        }
    }

    private static final byte[] EVENT_ID_KEY = "\"eventId\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The event's id without a full parse, so a refusal can name it; null when it cannot be found.
     * The usual layout ({@code {"eventId":"…"}}, the id first) is read by a byte scan; anything
     * else falls back to a streaming parse of the top level.
     */
    static UUID quickEventId(byte[] bytes) {
        int start = skipSpace(bytes, 0);
        int key = start < bytes.length && bytes[start] == '{' ? skipSpace(bytes, start + 1) : -1;
        if (key >= 0 && indexOf(bytes, EVENT_ID_KEY, key, Math.min(bytes.length, key + EVENT_ID_KEY.length)) == key) {
            int i = key + EVENT_ID_KEY.length;
            while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == ':' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
                i++;
            }
            if (i + 37 < bytes.length && bytes[i] == '"' && bytes[i + 37] == '"') {
                try {
                    return UUID.fromString(new String(bytes, i + 1, 36, java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException notAUuid) {
                    return null;
                }
            }
        }
        return parsedEventId(bytes);
    }

    private static int skipSpace(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from, int limit) {
        outer:
        for (int i = from; i + needle.length <= limit; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static UUID parsedEventId(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("eventId".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? UUID.fromString(parser.getText()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
