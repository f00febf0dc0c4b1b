package kr.anshim.backend.incident;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;
import kr.anshim.backend.ranking.Ranking;
import kr.anshim.backend.ranking.SeverityRanking;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Incidents in PostgreSQL: one conditional multi-row write per batch (each row only over the version
 * its writer read, so a stale copy never overwrites a newer state), and the open ones read back.
 */
@Component
public class IncidentStore {

    private static final String COLUMNS = """
            id, ward_code, household_id, kind, severity, score, status, family, last_signal, signals,
            latitude, longitude, opened_at, updated_at, last_signal_at, reasons, signal_types,
            device_ids, protected_person, call_112, callback, outcome, closed_at, version""";

    /**
     * Every write is conditional on the version its writer read: an update only where the row still
     * has that version, an insert only of an incident nobody has stored (read version 0, no row).
     * Both parts see one snapshot and return the ids they wrote; whatever is missing was stale.
     */
    private static final String WRITE = """
            with r as (
                select * from unnest($1::text[]::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]::int[],
                                     $7::text[], $8::text[], $9::text[], $10::text[]::int[], $11::text[]::float8[],
                                     $12::text[]::float8[], $13::text[]::timestamptz[], $14::text[]::timestamptz[],
                                     $15::text[]::timestamptz[], $16::text[]::jsonb[], $17::text[]::jsonb[],
                                     $18::text[]::jsonb[], $19::text[]::boolean[], $20::text[], $21::text[], $22::text[],
                                     $23::text[]::timestamptz[], $24::text[]::bigint[], $25::text[]::bigint[])
                    as r(%1$s, read_version)),
            updated as (
                update incident i set kind = r.kind, severity = r.severity, score = r.score, status = r.status,
                    last_signal = r.last_signal, signals = r.signals, updated_at = r.updated_at,
                    last_signal_at = r.last_signal_at, reasons = r.reasons, signal_types = r.signal_types,
                    device_ids = r.device_ids, call_112 = r.call_112, callback = r.callback, outcome = r.outcome,
                    closed_at = r.closed_at, version = r.version
                from r where i.id = r.id and i.version = r.read_version
                returning i.id),
            inserted as (
                insert into incident (%1$s)
                select %1$s from r where r.read_version = 0 and not exists (select 1 from incident i where i.id = r.id)
                on conflict (id) do nothing
                returning id)
            select id from updated union all select id from inserted""".formatted(COLUMNS);

    private static final String SELECT = """
            select id, ward_code, household_id, kind, status, family, last_signal, latitude, longitude, opened_at,
                   updated_at, last_signal_at, signal_types::text as signal_types, device_ids::text as device_ids,
                   protected_person, call_112, callback, outcome, closed_at, version
            from incident""";

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final SeverityRanking ranking;
    private final Clock clock;

    private final DatabaseClient screens;

    IncidentStore(DatabaseClient db, ScreenDatabase screens, ObjectMapper json, SeverityRanking ranking, Clock clock) {
        this.db = db;
        this.screens = screens.client();
        this.json = json;
        this.ranking = ranking;
        this.clock = clock;
    }

    /**
     * Writes the changes of one plan, each only over the version it was made from; completes with
     * {@link StaleIncidents} (nothing of the plan should then be committed) if any row has moved on.
     */
    public Mono<Void> write(CorrelationPlan plan) {
        return write(plan.changedIncidents(), plan::readVersion);
    }

    /** Writes {@code incidents}, each only over the version {@code readVersion} says its writer read. */
    public Mono<Void> write(Collection<Incident> incidents, ToLongFunction<UUID> readVersion) {
        if (incidents.isEmpty()) {
            return Mono.empty();
        }
        List<Incident> rows = List.copyOf(incidents);
        return db.sql(WRITE)
                .bind(0, column(rows, i -> i.id().toString()))
                .bind(1, column(rows, Incident::wardCode))
                .bind(2, column(rows, Incident::householdId))
                .bind(3, column(rows, i -> i.kind().name()))
                .bind(4, column(rows, i -> i.ranking().severity().name()))
                .bind(5, column(rows, i -> Integer.toString(i.ranking().score())))
                .bind(6, column(rows, i -> i.status().name()))
                .bind(7, column(rows, i -> i.family().name()))
                .bind(8, column(rows, i -> i.lastSignal().name()))
                .bind(9, column(rows, i -> Integer.toString(i.signals())))
                .bind(10, column(rows, i -> Double.toString(i.latitude())))
                .bind(11, column(rows, i -> Double.toString(i.longitude())))
                .bind(12, column(rows, i -> i.openedAt().toString()))
                .bind(13, column(rows, i -> i.updatedAt().toString()))
                .bind(14, column(rows, i -> i.lastSignalAt().toString()))
                .bind(15, column(rows, i -> write(i.ranking().reasons())))
                .bind(16, column(rows, i -> write(i.signalCounts())))
                .bind(17, column(rows, i -> write(i.deviceIds())))
                .bind(18, column(rows, i -> Boolean.toString(i.protectedPerson())))
                .bind(19, column(rows, i -> i.call112().name()))
                .bind(20, column(rows, i -> i.callback().name()))
                .bind(21, column(rows, Incident::outcome))
                .bind(22, column(rows, i -> i.closedAt() == null ? null : i.closedAt().toString()))
                .bind(23, column(rows, i -> Long.toString(i.version())))
                .bind(24, column(rows, i -> Long.toString(readVersion.applyAsLong(i.id()))))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add)
                .flatMap(written -> {
                    Set<UUID> stale = new HashSet<>();
                    rows.forEach(i -> {
                        if (!written.contains(i.id())) {
                            stale.add(i.id());
                        }
                    });
                    return stale.isEmpty() ? Mono.<Void>empty() : Mono.error(new StaleIncidents(stale));
                });
    }

    /** Open means not one of the contract's ends, written out from {@link IncidentStatus#CLOSED} (constants, never input). */
    public static final String WHERE_OPEN = IncidentStatus.CLOSED.stream().map(s -> "'" + s.name() + "'")
            .sorted().collect(java.util.stream.Collectors.joining(", ", " where status not in (", ")"));

    public Flux<Incident> open() {
        return db.sql(SELECT + WHERE_OPEN)
                .map((Readable row) -> readIncident(row))
                .all();
    }

    /** The open incidents of these wards (a ward owner taking them over). */
    public Flux<Incident> openIn(Collection<String> wards) {
        return db.sql(SELECT + " where status not in ('RESOLVED', 'FALSE_ALARM', 'CANCELLED') and ward_code = any($1::text[])")
                .bind(0, wards.toArray(String[]::new))
                .map((Readable row) -> readIncident(row))
                .all();
    }

    /** Closed household incidents of these wards, closed within {@code period}: candidates for reopening. */
    public Flux<Incident> closedWithin(java.time.Duration period, Collection<String> wards) {
        Instant since = clock.instant().minus(period);
        return db.sql(SELECT + " where closed_at >= $1 and household_id is not null and ward_code = any($2::text[])")
                .bind(0, since.atOffset(java.time.ZoneOffset.UTC)).bind(1, wards.toArray(String[]::new))
                .map((Readable row) -> readIncident(row)).all();
    }

    /** The open incidents for a screen: on the screens' pool, read to the end before the first is emitted. */
    public Flux<Incident> openForScreens() {
        return ScreenDatabase.fully(screens.sql(SELECT + WHERE_OPEN)
                .map((Readable row) -> readIncident(row))
                .all());
    }

    /**
     * The incidents that ended as resolved or false alarm since {@code since}, newest first, at most
     * {@code limit}, in these wards (null: every ward); for a screen, on the screens' pool.
     */
    public Flux<Incident> closedSinceForScreens(Instant since, Collection<String> wards, int limit) {
        String ends = ReopenWindow.FROM.stream().map(st -> "'" + st.name() + "'").sorted()
                .collect(java.util.stream.Collectors.joining(", ", "status in (", ")"));
        String where = " where closed_at >= $1 and " + ends + (wards == null ? "" : " and ward_code = any($3::text[])")
                + " order by closed_at desc limit $2";
        DatabaseClient.GenericExecuteSpec query = screens.sql(SELECT + where)
                .bind(0, since.atOffset(java.time.ZoneOffset.UTC)).bind(1, limit);
        if (wards != null) {
            query = query.bind(2, wards.toArray(String[]::new));
        }
        return ScreenDatabase.fully(query.map((Readable row) -> readIncident(row)).all());
    }

    /** One incident for a screen, on the screens' pool. */
    public Mono<Incident> byIdForScreens(UUID id) {
        return screens.sql(SELECT + " where id = :id").bind("id", id).map((Readable row) -> readIncident(row)).one();
    }

    public Flux<Incident> byIds(Collection<UUID> ids) {
        return db.sql(SELECT + " where id = any($1::uuid[])").bind(0, ids.toArray(UUID[]::new))
                .map((Readable row) -> readIncident(row)).all();
    }

    /** Closed incidents of households, closed since {@code since}: candidates for reopening at start-up. */
    public Flux<Incident> closedWithin(java.time.Duration period) {
        Instant since = clock.instant().minus(period);
        return db.sql(SELECT + " where closed_at >= $1 and household_id is not null").bind(0, since.atOffset(java.time.ZoneOffset.UTC))
                .map((Readable row) -> readIncident(row)).all();
    }

    public Mono<Incident> byId(UUID id) {
        return db.sql(SELECT + " where id = :id").bind("id", id).map((Readable row) -> readIncident(row)).one();
    }

    private Incident readIncident(Readable row) {
        Map<SignalType, Integer> counts = read(row.get("signal_types", String.class), new TypeReference<>() {
        });
        Set<String> devices = read(row.get("device_ids", String.class), new TypeReference<>() {
        });
        Incident stored = new Incident(row.get("id", UUID.class), row.get("ward_code", String.class),
                row.get("household_id", String.class), IncidentKind.valueOf(row.get("kind", String.class)),
                IncidentStatus.valueOf(row.get("status", String.class)),
                DeviceFamily.valueOf(row.get("family", String.class)),
                SignalType.valueOf(row.get("last_signal", String.class)),
                row.get("latitude", Double.class), row.get("longitude", Double.class),
                instant(row, "opened_at"), instant(row, "updated_at"), instant(row, "last_signal_at"),
                counts, devices, Boolean.TRUE.equals(row.get("protected_person", Boolean.class)),
                new Ranking(0, kr.anshim.api.Severity.LOW, List.of()),
                Call112Status.valueOf(row.get("call_112", String.class)),
                CallbackStatus.valueOf(row.get("callback", String.class)),
                row.get("outcome", String.class),
                row.get("closed_at", OffsetDateTime.class) == null ? null : instant(row, "closed_at"),
                row.get("version", Long.class));
        return stored.reranked(ranking, clock.instant());
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> String[] column(List<T> rows, Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
