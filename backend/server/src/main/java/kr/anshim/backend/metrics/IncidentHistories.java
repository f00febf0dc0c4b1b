package kr.anshim.backend.metrics;

import io.r2dbc.spi.Readable;
import kr.anshim.backend.incident.Transition;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads incidents with their audit trails and first dispatches from PostgreSQL in pages of
 * {@value #PAGE} incidents, keyset-paged by {@code (opened_at, id)}: each page is one incident
 * query, then its transitions and dispatches side by side. The next page is read only when the
 * previous one has been taken, so a year of incidents never sits in memory at once.
 */
@Component
class IncidentHistories {

    static final int PAGE = 500;

    private static final UUID LOWEST_ID = new UUID(0, 0);

    private static final String INCIDENTS = """
            select id, ward_code, family, severity, opened_at from incident
            where %s
              and (cardinality($3::text[]) = 0 or ward_code = any($3::text[]))
              and (cardinality($7::text[]) = 0 or severity = any($7::text[]))
              and (opened_at, id) > ($4, $5)
            order by opened_at, id
            limit $6""";

    /** Opened inside the period. */
    private static final String OPENED_IN = "opened_at >= $1 and opened_at < $2";

    /** Open at some time inside the period: opened in it, or before it and not closed before it started. */
    private static final String OPEN_DURING = "opened_at < $2 and (opened_at >= $1 or closed_at is null or closed_at > $1)";

    private static final String TRANSITIONS = """
            select incident_id, at, actor, kind, from_state, to_state from incident_transition
            where incident_id = any($1::uuid[]) and kind in ('STATUS', 'CALL_112')
            order by incident_id, id""";

    private static final String FIRST_DISPATCHES = """
            select distinct on (d.incident_id) d.incident_id, d.responder_id, r.kind
            from dispatch d left join responder r on r.id = d.responder_id
            where d.incident_id = any($1::uuid[])
            order by d.incident_id, d.at, d.id""";

    private record Head(UUID id, String wardCode, String family, String severity, Instant openedAt) {
    }

    private record Page(List<IncidentRecord> incidents, boolean full, Instant lastOpened, UUID lastId) {
    }

    private final DatabaseClient db;

    IncidentHistories(kr.anshim.backend.storage.ScreenDatabase screens) {
        DatabaseClient db = screens.client();
        this.db = db;
    }

    /** Incidents opened in {@code [from, to)}, oldest first. */
    Flux<IncidentRecord> openedIn(QueryPeriod period) {
        return pages(OPENED_IN, period);
    }

    /** Incidents open at any time in {@code [from, to)}, by opening time. */
    Flux<IncidentRecord> openDuring(QueryPeriod period) {
        return pages(OPEN_DURING, period);
    }

    private Flux<IncidentRecord> pages(String filter, QueryPeriod period) {
        String sql = INCIDENTS.formatted(filter);
        return page(sql, period, Instant.EPOCH, LOWEST_ID)
                .expand(page -> page.full() ? page(sql, period, page.lastOpened(), page.lastId()) : Mono.empty())
                .concatMapIterable(Page::incidents)
                // assembling and summarising is CPU work: keep it off the database driver's event loop
                .publishOn(Schedulers.parallel(), PAGE);
    }

    private Mono<Page> page(String sql, QueryPeriod period, Instant afterOpened, UUID afterId) {
        return db.sql(sql)
                .bind(0, utc(period.from()))
                .bind(1, utc(period.to()))
                .bind(2, period.wards().toArray(String[]::new))
                .bind(3, utc(afterOpened))
                .bind(4, afterId)
                .bind(5, PAGE)
                .bind(6, period.severities().stream().map(Enum::name).toArray(String[]::new))
                .map(IncidentHistories::head)
                .all()
                .collectList()
                .flatMap(this::complete);
    }

    private Mono<Page> complete(List<Head> heads) {
        if (heads.isEmpty()) {
            return Mono.just(new Page(List.of(), false, null, null));
        }
        UUID[] ids = heads.stream().map(Head::id).toArray(UUID[]::new);
        Head last = heads.get(heads.size() - 1);
        return Mono.zip(trails(ids), firstDispatches(ids))
                .map(found -> new Page(heads.stream().map(h -> record(h, found.getT1(), found.getT2())).toList(),
                        heads.size() == PAGE, last.openedAt(), last.id()));
    }

    private Mono<Map<UUID, List<Transition>>> trails(UUID[] ids) {
        return db.sql(TRANSITIONS).bind(0, ids)
                .map(IncidentHistories::transition)
                .all()
                .collect(HashMap::new, (byIncident, t) -> byIncident.computeIfAbsent(t.incidentId(), id -> new ArrayList<>()).add(t));
    }

    /** The responder kind of each incident's first dispatch. */
    private Mono<Map<UUID, String>> firstDispatches(UUID[] ids) {
        return db.sql(FIRST_DISPATCHES).bind(0, ids)
                .map(row -> Map.entry(row.get("incident_id", UUID.class),
                        IncidentRecord.responderKind(row.get("responder_id", String.class), row.get("kind", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static IncidentRecord record(Head head, Map<UUID, List<Transition>> trails, Map<UUID, String> dispatches) {
        return new IncidentRecord(head.id(), head.wardCode(), head.family(), head.severity(), head.openedAt(),
                trails.getOrDefault(head.id(), List.of()), dispatches.get(head.id()));
    }

    private static Head head(Readable row) {
        return new Head(row.get("id", UUID.class), row.get("ward_code", String.class), row.get("family", String.class),
                row.get("severity", String.class), row.get("opened_at", OffsetDateTime.class).toInstant());
    }

    private static Transition transition(Readable row) {
        return new Transition(row.get("incident_id", UUID.class), row.get("at", OffsetDateTime.class).toInstant(),
                row.get("actor", String.class), row.get("kind", String.class), row.get("from_state", String.class),
                row.get("to_state", String.class), null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
