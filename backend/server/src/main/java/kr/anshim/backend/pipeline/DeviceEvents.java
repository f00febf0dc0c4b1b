package kr.anshim.backend.pipeline;

import kr.anshim.backend.incident.CorrelationPlan;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code device_event} table: which of a batch's ids are stored already, and the batch's insert. */
@Component
class DeviceEvents {

    private static final String EXISTING = "select " + EventIdentity.COLUMNS + " from device_event where event_id = any($1::uuid[])";
    private static final String INSERT = """
            insert into device_event (event_id, device_id, type, occurred_at, received_at, payload, incident_id)
            select e.event_id, e.device_id, e.type, e.occurred_at, e.received_at, p.payload, e.incident_id
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]::timestamptz[], $5::text[]::timestamptz[],
                        $7::uuid[]) with ordinality as e(event_id, device_id, type, occurred_at, received_at, incident_id, n)
            join jsonb_array_elements($6::text::jsonb) with ordinality as p(payload, n) using (n)
            on conflict (event_id) do nothing
            returning event_id""";

    private final DatabaseClient db;

    DeviceEvents(DatabaseClient db) {
        this.db = db;
    }

    Mono<Map<UUID, EventIdentity.Stored>> existing(Set<UUID> ids) {
        return db.sql(EXISTING)
                .bind(0, ids.toArray(UUID[]::new))
                .map(EventIdentity::read)
                .all()
                .collectMap(EventIdentity.Stored::eventId);
    }

    /** Inserts the events, linked to the incidents the plan put them in; completes with the ids inserted. */
    Mono<Set<UUID>> insert(List<AcceptedEvent> events, CorrelationPlan plan) {
        if (events.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql(INSERT)
                .bind(0, events.stream().map(AcceptedEvent::eventId).toArray(UUID[]::new))
                .bind(1, column(events, e -> e.device().id()))
                .bind(2, column(events, e -> e.type().name()))
                .bind(3, column(events, e -> e.occurredAt().toString()))
                .bind(4, column(events, e -> e.receivedAt().toString()))
                // one JSON array, not a text[] of documents: no per-element array escaping
                .bind(5, events.stream().map(AcceptedEvent::payloadJson).collect(Collectors.joining(",", "[", "]")))
                .bind(6, events.stream().map(e -> plan.incidentOf(e.eventId()).orElse(null)).toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private static <T> String[] column(List<T> rows, Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
