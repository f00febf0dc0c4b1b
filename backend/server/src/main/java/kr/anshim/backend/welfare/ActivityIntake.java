package kr.anshim.backend.welfare;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.Routes;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static kr.anshim.api.ConnectionCredentials.Kind.DEVICE;
import static kr.anshim.api.ConnectionCredentials.Kind.GATEWAY;

/**
 * {@code device.activity}: one activity summary in, one {@link Ack} out, only after it is durably
 * stored. A resend with the same id and content is a {@code DUPLICATE}; the same id with other content
 * is refused {@code EVENT_ID_CONFLICT}. Every refusal is counted by reason; nothing a sender sends ends
 * its connection or affects another sender. The person's timer restarts from the summary's last activity.
 */
@Controller
class ActivityIntake {

    private static final Logger log = LoggerFactory.getLogger(ActivityIntake.class);

    private final ActivityValidation validation;
    private final Enrolments enrolments;
    private final DatabaseClient db;
    private final MeterRegistry meters;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Counter stored;
    private final Counter duplicates;

    ActivityIntake(ActivityValidation validation, Enrolments enrolments, DatabaseClient db, MeterRegistry meters) {
        this.validation = validation;
        this.enrolments = enrolments;
        this.db = db;
        this.meters = meters;
        this.stored = Counter.builder("anshim.welfare.activity").tag("outcome", "stored").register(meters);
        this.duplicates = Counter.builder("anshim.welfare.activity").tag("outcome", "duplicate").register(meters);
    }

    @MessageMapping(Routes.ACTIVITY_SUMMARY)
    Mono<Ack> summary(@org.springframework.messaging.handler.annotation.Payload(required = false) byte[] bytes) {
        return Callers.require(DEVICE, GATEWAY)
                .flatMap(caller -> accept(bytes, caller));
    }

    Mono<Ack> accept(byte[] bytes, Caller caller) {
        ActivityValidation.Result result = validation.validate(bytes, caller);
        if (result.refusal() != null) {
            return Mono.just(count(result.refusal()));
        }
        ActivityValidation.Summary summary = result.summary();
        return enrolments.ready().then(store(summary))
                .onErrorResume(error -> {
                    log.warn("Activity summary {} not stored, sender told to resend: {}", summary.eventId(), error.toString());
                    return Mono.just(Ack.rejected(summary.eventId(), "STORAGE_UNAVAILABLE",
                            "not stored: the control centre cannot store summaries now; resend it unchanged shortly"));
                })
                .map(this::count);
    }

    private Mono<Ack> store(ActivityValidation.Summary s) {
        return db.sql("""
                        insert into activity_summary (event_id, device_id, household_id, occurred_at, last_activity_at, received_at, payload)
                        values ($1, $2, $3, $4, $5, $6, $7::jsonb)
                        on conflict (event_id) do nothing
                        returning event_id""")
                .bind(0, s.eventId()).bind(1, s.device().id()).bind(2, s.device().householdId())
                .bind(3, s.occurredAt().atOffset(ZoneOffset.UTC)).bind(4, s.lastActivityAt().atOffset(ZoneOffset.UTC))
                .bind(5, s.receivedAt().atOffset(ZoneOffset.UTC)).bind(6, s.json())
                .map(row -> row.get("event_id", UUID.class))
                .one()
                .map(id -> Ack.stored(id))
                .switchIfEmpty(Mono.defer(() -> resent(s)))
                .flatMap(ack -> ack.durable()
                        ? enrolments.activity(s.device().householdId(), s.lastActivityAt()).thenReturn(ack)
                        : Mono.just(ack));
    }

    /** The id is stored already: the same summary again, or another one under a reused id. */
    private Mono<Ack> resent(ActivityValidation.Summary s) {
        return db.sql("select device_id, occurred_at, last_activity_at from activity_summary where event_id = $1")
                .bind(0, s.eventId())
                .map(row -> s.device().id().equals(row.get("device_id", String.class))
                        && s.occurredAt().equals(row.get("occurred_at", java.time.OffsetDateTime.class).toInstant())
                        && s.lastActivityAt().equals(row.get("last_activity_at", java.time.OffsetDateTime.class).toInstant()))
                .one()
                .map(same -> same ? Ack.duplicate(s.eventId()) : Ack.rejected(s.eventId(), "EVENT_ID_CONFLICT",
                        "eventId " + s.eventId() + " already belongs to another summary; this one was NOT stored:"
                                + " send it again with a new random eventId"));
    }

    private Ack count(Ack ack) {
        switch (ack.outcome()) {
            case STORED -> stored.increment();
            case DUPLICATE -> duplicates.increment();
            case REJECTED -> refused.computeIfAbsent(ack.reason(), reason -> Counter.builder("anshim.welfare.activity.rejected")
                    .tag("reason", reason).description("Activity summaries refused, by reason").register(meters)).increment();
        }
        return ack;
    }
}
