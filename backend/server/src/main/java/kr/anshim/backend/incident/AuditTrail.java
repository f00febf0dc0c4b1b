package kr.anshim.backend.incident;

import kr.anshim.api.TransitionView;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The append-only audit of incident changes and the dispatch records, in PostgreSQL. */
@Component
public class AuditTrail {

    private final DatabaseClient db;

    private final DatabaseClient screens;

    AuditTrail(DatabaseClient db, kr.anshim.backend.storage.ScreenDatabase screens) {
        this.db = db;
        this.screens = screens.client();
    }

    public Mono<Void> append(List<Transition> transitions) {
        if (transitions.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        insert into incident_transition (incident_id, at, actor, kind, from_state, to_state, note)
                        select * from unnest($1::uuid[], $2::text[]::timestamptz[], $3::text[], $4::text[], $5::text[],
                                             $6::text[], $7::text[])""")
                .bind(0, transitions.stream().map(Transition::incidentId).toArray(UUID[]::new))
                .bind(1, column(transitions, t -> t.at().toString()))
                .bind(2, column(transitions, Transition::actor))
                .bind(3, column(transitions, Transition::kind))
                .bind(4, column(transitions, Transition::from))
                .bind(5, column(transitions, Transition::to))
                .bind(6, column(transitions, Transition::note))
                .then();
    }

    public Mono<Void> recordDispatch(Dispatch dispatch) {
        return db.sql("""
                        insert into dispatch (id, incident_id, responder_id, at, actor, trigger, crime_risk_confirmed, fee_won)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .bind(0, dispatch.id())
                .bind(1, dispatch.incidentId())
                .bind(2, dispatch.responderId())
                .bind(3, dispatch.at().atOffset(java.time.ZoneOffset.UTC))
                .bind(4, dispatch.actor())
                .bind(5, dispatch.trigger().name())
                .bind(6, dispatch.crimeRiskConfirmed())
                .bind(7, dispatch.feeWon())
                .then();
    }

    /** For screens: on the screens' pool, read to the end before the first entry is emitted. */
    public Flux<TransitionView> history(UUID incidentId) {
        return kr.anshim.backend.storage.ScreenDatabase.fully(screens.sql("""
                        select id, at, actor, kind, from_state, to_state, note from incident_transition
                        where incident_id = $1 order by id""")
                .bind(0, incidentId)
                .map(row -> new TransitionView(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(),
                        row.get("actor", String.class), row.get("kind", String.class), row.get("from_state", String.class),
                        row.get("to_state", String.class), row.get("note", String.class)))
                .all());
    }

    /** For screens: an incident's dispatches, oldest first, read to the end on the screens' pool. */
    public Flux<kr.anshim.api.DispatchView> dispatches(UUID incidentId) {
        return kr.anshim.backend.storage.ScreenDatabase.fully(screens.sql("""
                        select responder_id, at, actor, trigger, crime_risk_confirmed, fee_won from dispatch
                        where incident_id = $1 order by at, id""")
                .bind(0, incidentId)
                .map(row -> new kr.anshim.api.DispatchView(row.get("responder_id", String.class),
                        row.get("at", OffsetDateTime.class).toInstant(), row.get("actor", String.class),
                        Dispatch.Trigger.RESIDENT_REQUEST.name().equals(row.get("trigger", String.class)),
                        Boolean.TRUE.equals(row.get("crime_risk_confirmed", Boolean.class)),
                        row.get("fee_won", Integer.class)))
                .all());
    }

    private static <T> String[] column(List<T> rows, Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
