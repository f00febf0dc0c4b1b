package kr.anshim.backend.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import kr.anshim.api.ConsoleTake;
import kr.anshim.api.Handover;
import kr.anshim.api.HandoverRequest;
import kr.anshim.api.HandoverSummary;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Role;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Shift handover: the outgoing operator's summary (generated here, never typed) and note; the
 * incoming operator takes the ward's console only after acknowledging every handover of it that
 * someone else left. Submitting ends the outgoing operator's console shift; taking starts one.
 * Everything is recorded ({@code handover}, {@code console_shift}) and in the alarm audit.
 */
@Component
class Handovers {

    static final int LONGEST_NOTE = 2_000;

    private static final String OPEN = """
            select i.id, i.kind, i.severity, i.status, i.opened_at,
                   coalesce((select jsonb_array_length(p.steps) from procedure p
                             where p.incident_kind = i.kind
                               and p.protection in (case when i.protected_person then 'PROTECTED' else 'ORDINARY' end, 'ANY')
                             order by p.protection = 'ANY' limit 1), 0)
                   - (select count(*) from procedure_step_done d where d.incident_id = i.id) as unfinished
            from incident i
            where i.ward_code = $1 and i.status not in ('RESOLVED', 'FALSE_ALARM', 'CANCELLED')
            order by i.opened_at""";

    private static final String SELECT = """
            select id, ward_code, outgoing, created_at, summary::text as summary, note, acknowledged_by, acknowledged_at
            from handover""";

    private final DatabaseClient db;
    private final Shelf shelf;
    private final AlarmAudit audit;
    private final ObjectMapper json;
    private final Clock clock;

    Handovers(ScreenDatabase screens, Shelf shelf, AlarmAudit audit, ObjectMapper json, Clock clock) {
        this.db = screens.client();
        this.shelf = shelf;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    Mono<HandoverSummary> summary(Caller caller, String ward) {
        return Mono.defer(() -> {
            checked(caller, ward);
            Instant now = clock.instant();
            return db.sql(OPEN).bind(0, ward)
                    .map((Readable row) -> new HandoverSummary.OpenIncident(row.get("id", UUID.class), row.get("kind", String.class),
                            row.get("severity", String.class), row.get("status", String.class),
                            row.get("opened_at", OffsetDateTime.class).toInstant(),
                            !row.get("opened_at", OffsetDateTime.class).toInstant().plus(LoadMeasures.STALE_AFTER).isAfter(now),
                            (int) Math.max(0, row.get("unfinished", Long.class))))
                    .all().collectList()
                    .map(open -> new HandoverSummary(ward, now, open,
                            shelf.shelved(caller).stream().filter(item -> item.wardCode().equals(ward)).toList()));
        });
    }

    Mono<Handover> submit(Caller caller, HandoverRequest request) {
        return Mono.defer(() -> {
            if (request == null || request.note() == null || request.note().isBlank() || request.note().length() > LONGEST_NOTE) {
                throw new AlarmRefusal("alarm.refused.note-required", "a handover needs a note of at most " + LONGEST_NOTE + " characters");
            }
            return summary(caller, request.wardCode()).flatMap(summary -> {
                Instant now = clock.instant();
                Handover handover = new Handover(UUID.randomUUID(), request.wardCode(), caller.id(), now, request.note().strip(),
                        summary, null, null);
                return db.sql("insert into handover (id, ward_code, outgoing, created_at, summary, note) values ($1, $2, $3, $4, $5::jsonb, $6)")
                        .bind(0, handover.id()).bind(1, handover.wardCode()).bind(2, caller.id()).bind(3, utc(now))
                        .bind(4, write(summary)).bind(5, handover.note())
                        .then()
                        .then(db.sql("update console_shift set ended_at = $3 where username = $1 and ward_code = $2 and ended_at is null")
                                .bind(0, caller.id()).bind(1, handover.wardCode()).bind(2, utc(now)).then())
                        .then(audit.append(now, caller.id(), "HANDOVER_SUBMITTED", handover.wardCode(), handover.id().toString(),
                                summary.open().size() + " open, " + summary.shelved().size() + " shelved, " + summary.stale() + " stale, "
                                        + summary.withUnfinishedProcedures() + " with unfinished procedures"))
                        .thenReturn(handover);
            });
        });
    }

    Mono<Handover> acknowledge(Caller caller, UUID id) {
        return byId(id)
                .filter(handover -> caller.sees(handover.wardCode()))
                .switchIfEmpty(Mono.error(new AlarmRefusal("alarm.refused.not-found", "no handover " + id + " in your wards")))
                .flatMap(handover -> {
                    mayAct(caller);
                    if (handover.outgoing().equals(caller.id())) {
                        throw new AlarmRefusal("alarm.refused.own-handover", "the incoming operator acknowledges a handover, not its author");
                    }
                    if (!handover.pending()) {
                        return Mono.just(handover);
                    }
                    Instant now = clock.instant();
                    return db.sql("update handover set acknowledged_by = $2, acknowledged_at = $3 where id = $1 and acknowledged_at is null")
                            .bind(0, id).bind(1, caller.id()).bind(2, utc(now))
                            .then()
                            .then(audit.append(now, caller.id(), "HANDOVER_ACKNOWLEDGED", handover.wardCode(), id.toString(),
                                    "from " + handover.outgoing()))
                            .then(byId(id));
                });
    }

    /** Takes the ward's console, unless a handover left by someone else waits for acknowledgement. */
    Mono<ConsoleTake> take(Caller caller, String ward) {
        return Mono.defer(() -> {
            checked(caller, ward);
            return db.sql(SELECT + " where ward_code = $1 and acknowledged_at is null and outgoing <> $2 order by created_at limit 1")
                    .bind(0, ward).bind(1, caller.id())
                    .map((Readable row) -> handover(row)).one()
                    .map(pending -> new ConsoleTake(false, "alarm.refused.handover-pending",
                            "acknowledge the handover from " + pending.outgoing() + " before taking the console", pending))
                    .switchIfEmpty(Mono.defer(() -> start(caller, ward)));
        });
    }

    Flux<Handover> pending() {
        return ScreenDatabase.fully(db.sql(SELECT + " where acknowledged_at is null order by created_at")
                .map((Readable row) -> handover(row)).all());
    }

    private Mono<ConsoleTake> start(Caller caller, String ward) {
        Instant now = clock.instant();
        return db.sql("""
                        insert into console_shift (id, username, ward_code, started_at)
                        select $1, $2, $3, $4 where not exists
                            (select 1 from console_shift where username = $2 and ward_code = $3 and ended_at is null)""")
                .bind(0, UUID.randomUUID()).bind(1, caller.id()).bind(2, ward).bind(3, utc(now))
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.<Void>empty() : audit.append(now, caller.id(), "CONSOLE_TAKEN", ward, null, null))
                .thenReturn(new ConsoleTake(true, null, null, null));
    }

    private Mono<Handover> byId(UUID id) {
        return id == null ? Mono.empty() : db.sql(SELECT + " where id = $1").bind(0, id).map((Readable row) -> handover(row)).one();
    }

    private static void checked(Caller caller, String ward) {
        mayAct(caller);
        if (ward == null || !caller.sees(ward)) {
            throw new AlarmRefusal("alarm.refused.no-wards", "ward " + ward + " is not one of yours");
        }
    }

    private static void mayAct(Caller caller) {
        if (caller.role() != Role.OPERATOR && caller.role() != Role.SUPERVISOR) {
            throw new AlarmRefusal("alarm.refused.role", "only operators and supervisors hand over a console");
        }
    }

    private Handover handover(Readable row) {
        OffsetDateTime acknowledged = row.get("acknowledged_at", OffsetDateTime.class);
        return new Handover(row.get("id", UUID.class), row.get("ward_code", String.class), row.get("outgoing", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), row.get("note", String.class),
                read(row.get("summary", String.class)), row.get("acknowledged_by", String.class),
                acknowledged == null ? null : acknowledged.toInstant());
    }

    private HandoverSummary read(String text) {
        try {
            return json.readValue(text, HandoverSummary.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
