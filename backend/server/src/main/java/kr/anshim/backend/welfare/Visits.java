package kr.anshim.backend.welfare;

import kr.anshim.api.welfare.VisitRequest;
import kr.anshim.backend.pipeline.StartupLoad;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The visits not yet checked in, in PostgreSQL and in memory, with their safety timers. A visit is
 * registered by an officer, operator or supervisor of the household's ward, for a team of exactly
 * two, starting within a day of now and returning within 12 hours of its start.
 */
@Component
class Visits {

    private static final Logger log = LoggerFactory.getLogger(Visits.class);
    static final Duration LONGEST = Duration.ofHours(12);

    /** The visited household's facts. */
    record Household(String id, String wardCode, double latitude, double longitude, boolean protectedPerson) {
    }

    private final DatabaseClient db;
    private final Clock clock;
    private final VisitWatch watch = new VisitWatch();
    private final Map<UUID, Visit> open = new ConcurrentHashMap<>();
    private final Mono<Void> ready;

    Visits(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.ready = StartupLoad.retrying("the open visits", Mono.defer(this::load), error -> { }, log)
                // caches success only: StartupLoad retries without end, so no error is ever cached
                .cache();
    }

    Mono<Void> ready() {
        return ready;
    }

    VisitWatch watch() {
        return watch;
    }

    Optional<Visit> open(UUID id) {
        return Optional.ofNullable(open.get(id));
    }

    List<Visit> openIn(java.util.function.Predicate<String> ward) {
        return open.values().stream().filter(v -> ward.test(v.wardCode()))
                .sorted(Comparator.comparing(Visit::expectedReturn)).toList();
    }

    /** Who may register or answer visits in a ward: its officers and operators, and supervisors. */
    static boolean mayManage(Caller caller, String wardCode) {
        return switch (caller.role()) {
            case SUPERVISOR -> true;
            case OFFICER, OPERATOR -> caller.wards().contains(wardCode);
            case POLICE_LIAISON, ADMIN -> false;
        };
    }

    /** Why the request cannot be registered, or empty. */
    static Optional<String> problem(VisitRequest r, Instant now) {
        if (r == null || r.householdId() == null || r.start() == null || r.expectedReturn() == null) {
            return Optional.of("householdId, start and expectedReturn are required");
        }
        List<String> team = r.team().stream().map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
        if (team.size() != 2 || r.team().size() != 2) {
            return Optional.of("a visit is made by a team of exactly two different people");
        }
        if (team.stream().anyMatch(name -> name.length() > 40)) {
            return Optional.of("a visitor's name is at most 40 characters");
        }
        if (r.teamPhone() != null && !r.teamPhone().matches("[0-9+][0-9-]{6,19}")) {
            return Optional.of("teamPhone must be a phone number, e.g. 010-1234-5678");
        }
        if (!r.expectedReturn().isAfter(r.start())) {
            return Optional.of("expectedReturn must be after start");
        }
        if (Duration.between(r.start(), r.expectedReturn()).compareTo(LONGEST) > 0) {
            return Optional.of("a visit lasts at most 12 hours");
        }
        if (r.start().isBefore(now.minus(Duration.ofDays(1))) || r.start().isAfter(now.plus(Duration.ofDays(1)))) {
            return Optional.of("start must be within a day of now");
        }
        if (!r.expectedReturn().isAfter(now)) {
            return Optional.of("expectedReturn has already passed");
        }
        return Optional.empty();
    }

    Mono<Household> household(String id) {
        return db.sql("select id, ward_code, latitude, longitude, protected_person from household where id = $1").bind(0, id)
                .map(row -> new Household(row.get("id", String.class), row.get("ward_code", String.class),
                        row.get("latitude", Double.class), row.get("longitude", Double.class),
                        Boolean.TRUE.equals(row.get("protected_person", Boolean.class))))
                .one();
    }

    Mono<Visit> insert(VisitRequest r, Household h, Caller caller) {
        Visit visit = new Visit(UUID.randomUUID(), h.id(), h.wardCode(), r.team().stream().map(String::strip).toList(),
                r.teamPhone(), caller.id(), r.start(), r.expectedReturn(), Visit.Status.OUT, null, null, null, null, null);
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        insert into welfare_visit (id, household_id, ward_code, team, team_phone, registered_by, started_at,
                                                   expected_return_at, status)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, 'OUT')""")
                .bind(0, visit.id()).bind(1, visit.householdId()).bind(2, visit.wardCode())
                .bind(3, visit.team().toArray(String[]::new))
                .bind(5, visit.registeredBy()).bind(6, visit.start().atOffset(ZoneOffset.UTC))
                .bind(7, visit.expectedReturn().atOffset(ZoneOffset.UTC));
        spec = visit.teamPhone() == null ? spec.bindNull(4, String.class) : spec.bind(4, visit.teamPhone());
        return spec.then().then(Mono.fromSupplier(() -> {
            remember(visit);
            return visit;
        }));
    }

    /** Stores the visit's new status and incident (inside the incident's transaction when there is one). */
    Mono<Void> update(Visit v) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        update welfare_visit set status = $2, checked_in_at = $3, incident_id = $4 where id = $1""")
                .bind(0, v.id()).bind(1, v.status().name());
        spec = v.checkedInAt() == null ? spec.bindNull(2, OffsetDateTime.class) : spec.bind(2, v.checkedInAt().atOffset(ZoneOffset.UTC));
        spec = v.incidentId() == null ? spec.bindNull(3, UUID.class) : spec.bind(3, v.incidentId());
        return spec.then();
    }

    /** The team's position, conflated: only the latest is kept. */
    Mono<Void> position(Visit v) {
        return db.sql("update welfare_visit set latitude = $2, longitude = $3, position_at = $4 where id = $1")
                .bind(0, v.id()).bind(1, v.latitude()).bind(2, v.longitude()).bind(3, v.positionAt().atOffset(ZoneOffset.UTC))
                .then()
                .doOnSuccess(done -> open.computeIfPresent(v.id(), (id, old) -> old.at(v.latitude(), v.longitude(), v.positionAt())));
    }

    /** After its transaction: memory follows the stored state. */
    void remember(Visit v) {
        if (v.status().open()) {
            open.put(v.id(), v);
        } else {
            open.remove(v.id());
        }
        switch (v.status()) {
            case OUT -> watch.watch(v.id(), v.expectedReturn(), 0);
            case OVERDUE -> watch.watch(v.id(), v.expectedReturn(), 1);
            case OVERDUE_POLICE, PANIC, CHECKED_IN -> watch.stop(v.id());
        }
    }

    Instant now() {
        return clock.instant();
    }

    private Mono<Void> load() {
        return db.sql("""
                        select id, household_id, ward_code, team, team_phone, registered_by, started_at, expected_return_at, status,
                               latitude, longitude, position_at, incident_id
                        from welfare_visit where status <> 'CHECKED_IN'""")
                .map(row -> new Visit(row.get("id", UUID.class), row.get("household_id", String.class),
                        row.get("ward_code", String.class), Arrays.asList(row.get("team", String[].class)),
                        row.get("team_phone", String.class), row.get("registered_by", String.class),
                        row.get("started_at", OffsetDateTime.class).toInstant(),
                        row.get("expected_return_at", OffsetDateTime.class).toInstant(),
                        Visit.Status.valueOf(row.get("status", String.class)), null,
                        row.get("latitude", Double.class), row.get("longitude", Double.class),
                        Optional.ofNullable(row.get("position_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                        row.get("incident_id", UUID.class)))
                .all()
                .doOnNext(this::remember)
                .count()
                .doOnNext(n -> log.info("Visiting-staff safety: {} visits out", n))
                .then();
    }
}
