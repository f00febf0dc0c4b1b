package kr.anshim.backend.alarm;

import kr.anshim.api.AlarmLoad;
import kr.anshim.api.AlarmLoadReport;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the load measures need from PostgreSQL, on the screens' pool: the presentations (every
 * transition to NEW: an opening or a reopening) from {@link LoadMeasures#WARM_UP} before the period,
 * the devices' alarm signals, the incidents still open at its end and the operators' console shifts,
 * then measures per ward and per operator and ward. The severity is the incident's as stored now.
 */
@Component
class AlarmLoadReports {

    private static final String PRESENTED = """
            select t.incident_id, i.ward_code, coalesce(i.household_id, i.device_ids->>0, i.id::text) as source,
                   i.severity, t.at
            from incident_transition t join incident i on i.id = t.incident_id
            where t.kind = 'STATUS' and t.to_state = 'NEW' and t.at >= $1 and t.at < $2 and i.ward_code = any($3::text[])""";

    private static final String SIGNALS = """
            select e.device_id, h.ward_code, e.occurred_at
            from device_event e join device d on d.id = e.device_id join household h on h.id = d.household_id
            where e.occurred_at >= $1 and e.occurred_at < $2 and e.type <> 'HEARTBEAT' and h.ward_code = any($3::text[])""";

    private static final String OPEN_AT_END = """
            select ward_code, opened_at from incident
            where opened_at < $1 and (closed_at is null or closed_at > $1) and ward_code = any($2::text[])""";

    private static final String SHIFTS = """
            select username, ward_code, started_at, coalesce(ended_at, $3) as ended_at from console_shift
            where started_at < $2 and (ended_at is null or ended_at > $1) and ward_code = any($4::text[])""";

    private record OpenIncident(String wardCode, Instant openedAt) {
    }

    private record ShiftRow(String username, String wardCode, Attended.Interval interval) {
    }

    private final DatabaseClient db;
    private final Clock clock;

    AlarmLoadReports(ScreenDatabase screens, Clock clock) {
        this.db = screens.client();
        this.clock = clock;
    }

    Mono<AlarmLoadReport> report(Instant from, Instant to, List<String> wards) {
        String[] codes = wards.toArray(String[]::new);
        Mono<List<Presentation>> presented = db.sql(PRESENTED)
                .bind(0, utc(from.minus(LoadMeasures.WARM_UP))).bind(1, utc(to)).bind(2, codes)
                .map((row, meta) -> new Presentation(row.get("incident_id", UUID.class), row.get("ward_code", String.class),
                        row.get("source", String.class), row.get("severity", String.class),
                        row.get("at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        Mono<List<Chattering.DeviceSignal>> signals = db.sql(SIGNALS)
                .bind(0, utc(from)).bind(1, utc(to)).bind(2, codes)
                .map((row, meta) -> new Chattering.DeviceSignal(row.get("device_id", String.class),
                        row.get("ward_code", String.class), row.get("occurred_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        Mono<List<OpenIncident>> open = db.sql(OPEN_AT_END).bind(0, utc(to)).bind(1, codes)
                .map((row, meta) -> new OpenIncident(row.get("ward_code", String.class),
                        row.get("opened_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        Instant now = clock.instant();
        Mono<List<ShiftRow>> shifts = db.sql(SHIFTS).bind(0, utc(from)).bind(1, utc(to)).bind(2, utc(now)).bind(3, codes)
                .map((row, meta) -> new ShiftRow(row.get("username", String.class), row.get("ward_code", String.class),
                        new Attended.Interval(row.get("started_at", OffsetDateTime.class).toInstant(),
                                row.get("ended_at", OffsetDateTime.class).toInstant())))
                .all().collectList();
        return Mono.zip(presented, signals, open, shifts)
                // measuring is CPU work: off the database driver's event loop
                .publishOn(Schedulers.parallel())
                .map(read -> measure(from, to, wards, read.getT1(), read.getT2(), read.getT3(), read.getT4()));
    }

    private static AlarmLoadReport measure(Instant from, Instant to, List<String> wards, List<Presentation> presented,
                                           List<Chattering.DeviceSignal> signals, List<OpenIncident> open,
                                           List<ShiftRow> shifts) {
        Map<String, List<Presentation>> presentedBy = group(presented, Presentation::wardCode);
        Map<String, List<Chattering.DeviceSignal>> signalsBy = group(signals, Chattering.DeviceSignal::wardCode);
        Map<String, List<Instant>> openedBy = new HashMap<>();
        open.forEach(o -> openedBy.computeIfAbsent(o.wardCode(), w -> new ArrayList<>()).add(o.openedAt()));
        List<AlarmLoad> byWard = new ArrayList<>();
        for (String ward : wards.stream().sorted().toList()) {
            byWard.add(LoadMeasures.measure("WARD", ward, List.of(ward), from, to, Attended.whole(from, to),
                    presentedBy.getOrDefault(ward, List.of()), signalsBy.getOrDefault(ward, List.of()),
                    openedBy.getOrDefault(ward, List.of())));
        }
        Map<List<String>, List<Attended.Interval>> shiftsBy = new HashMap<>();
        shifts.forEach(s -> shiftsBy.computeIfAbsent(List.of(s.username(), s.wardCode()), k -> new ArrayList<>()).add(s.interval()));
        List<AlarmLoad> byOperator = new ArrayList<>();
        shiftsBy.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing((List<String> k) -> k.get(1)).thenComparing(k -> k.get(0))))
                .forEach(e -> {
                    String ward = e.getKey().get(1);
                    byOperator.add(LoadMeasures.measure("OPERATOR", e.getKey().get(0), List.of(ward), from, to,
                            Attended.clipped(e.getValue(), from, to), presentedBy.getOrDefault(ward, List.of()),
                            signalsBy.getOrDefault(ward, List.of()), openedBy.getOrDefault(ward, List.of())));
                });
        return new AlarmLoadReport(from, to, byWard, byOperator);
    }

    private static <T> Map<String, List<T>> group(List<T> rows, java.util.function.Function<T, String> key) {
        Map<String, List<T>> grouped = new HashMap<>();
        rows.forEach(r -> grouped.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return grouped;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
