package kr.anshim.backend.welfare;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.welfare.EnrolmentView;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.pipeline.StartupLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The enrolled people, in PostgreSQL and in memory, and their threshold timers. Every enrolment
 * names an ACTIVITY_SUMMARY device of the same household, a threshold of 1 to 5 days and an officer.
 */
@Component
class Enrolments {

    private static final Logger log = LoggerFactory.getLogger(Enrolments.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final InactivityWatch watch = new InactivityWatch();
    private final Map<String, Enrolment> byHousehold = new ConcurrentHashMap<>();
    private final Mono<Void> ready;

    Enrolments(DatabaseClient db, TransactionalOperator tx, DeviceRegistry registry, Clock clock, List<WelfareSeed> seeds) {
        this.db = db;
        this.tx = tx;
        this.registry = registry;
        this.clock = clock;
        this.ready = StartupLoad.retrying("the welfare enrolments", registry.ready()
                                .then(Mono.defer(() -> seeds.isEmpty() ? Mono.empty() : seedIfEmpty(seeds.get(0))))
                                .then(Mono.defer(this::load)),
                        error -> { }, log)
                // caches success only: StartupLoad retries without end, so no error is ever cached
                .cache();
    }

    Mono<Void> ready() {
        return ready;
    }

    InactivityWatch watch() {
        return watch;
    }

    Optional<Enrolment> of(String householdId) {
        return Optional.ofNullable(byHousehold.get(householdId));
    }

    List<Enrolment> inWard(String wardCode) {
        return byHousehold.values().stream().filter(e -> e.wardCode().equals(wardCode))
                .sorted(Comparator.comparing(Enrolment::householdId)).toList();
    }

    List<Enrolment> all() {
        return List.copyOf(byHousehold.values());
    }

    /** Why this enrolment cannot be saved, or empty when it can. */
    Optional<String> problem(EnrolmentView e) {
        if (e == null || e.householdId() == null || e.deviceId() == null) {
            return Optional.of("householdId and deviceId are required");
        }
        if (e.thresholdDays() < Enrolment.MIN_DAYS || e.thresholdDays() > Enrolment.MAX_DAYS) {
            return Optional.of("threshold_days must be 1 to 5, not " + e.thresholdDays());
        }
        if (e.dong() == null || e.dong().isBlank() || e.dong().length() > 40) {
            return Optional.of("dong (the 동 of the community centre) is required, at most 40 characters");
        }
        if (e.officer() == null || !USERNAME.matcher(e.officer()).matches()) {
            return Optional.of("officer must be the officer's username");
        }
        Optional<RegisteredDevice> device = registry.find(e.deviceId());
        if (device.isEmpty() || device.get().family() != DeviceFamily.ACTIVITY_SUMMARY) {
            return Optional.of("device " + e.deviceId() + " is not a registered ACTIVITY_SUMMARY device");
        }
        if (!device.get().householdId().equals(e.householdId())) {
            return Optional.of("device " + e.deviceId() + " belongs to household " + device.get().householdId()
                    + ", not " + e.householdId());
        }
        return Optional.empty();
    }

    /** One transaction: a list with any problem saves nothing. The ward is the household's. Checked on subscription. */
    Mono<Void> save(List<EnrolmentView> rows) {
        return Mono.defer(() -> saveNow(rows));
    }

    private Mono<Void> saveNow(List<EnrolmentView> rows) {
        List<String> problems = new ArrayList<>();
        for (EnrolmentView row : rows) {
            problem(row).ifPresent(p -> problems.add((row == null ? "?" : row.householdId()) + ": " + p));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new IllegalArgumentException("enrolments not saved:\n  " + String.join("\n  ", problems)));
        }
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return db.sql("""
                        insert into welfare_enrolment (household_id, device_id, dong, threshold_days, officer, enrolled_at)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]::int[], $5::text[], $6::text[]::timestamptz[])
                        on conflict (household_id) do update set device_id = excluded.device_id, dong = excluded.dong,
                            threshold_days = excluded.threshold_days, officer = excluded.officer""")
                .bind(0, column(rows, EnrolmentView::householdId))
                .bind(1, column(rows, EnrolmentView::deviceId))
                .bind(2, column(rows, EnrolmentView::dong))
                .bind(3, column(rows, r -> Integer.toString(r.thresholdDays())))
                .bind(4, column(rows, EnrolmentView::officer))
                .bind(5, column(rows, r -> now.toString()))
                .then()
                .as(tx::transactional)
                .then(Mono.defer(this::load));
    }

    /**
     * New activity: stored (the latest wins), and the person's timer restarts; an alert already raised
     * stays open for the officer.
     */
    Mono<Void> activity(String householdId, Instant at) {
        return db.sql("""
                        update welfare_enrolment set last_activity_at = $2, alert_level = 0, answered = false
                        where household_id = $1 and (last_activity_at is null or last_activity_at < $2)""")
                .bind(0, householdId).bind(1, at.atOffset(ZoneOffset.UTC))
                .then()
                .doOnSuccess(done -> {
                    if (watch.activity(householdId, at)) {
                        byHousehold.computeIfPresent(householdId, (id, e) -> new Enrolment(id, e.wardCode(), e.deviceId(),
                                e.dong(), e.thresholdDays(), e.officer(), e.enrolledAt(), at));
                    }
                });
    }

    /**
     * Stores the alert level a lapse reached (inside the alert's transaction), only if the store still
     * agrees that it is due: no later activity (it may have reached another instance), this level not
     * raised already (by another instance during a hand-over), and for the second level no outcome yet.
     * Otherwise {@link StaleLapse}, which rolls the alert's transaction back.
     */
    Mono<Void> lapsed(InactivityWatch.Lapse lapse) {
        return db.sql("""
                        update welfare_enrolment set alert_level = $2
                        where household_id = $1 and alert_level < $2 and coalesce(last_activity_at, enrolled_at) <= $3
                          and ($2 = 1 or not answered)""")
                .bind(0, lapse.householdId()).bind(1, lapse.level()).bind(2, lapse.since().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .flatMap(rows -> rows > 0 ? Mono.<Void>empty() : Mono.error(new StaleLapse(lapse)));
    }

    /** A lapse the store no longer agrees with: raised elsewhere, or activity came in meanwhile. */
    static final class StaleLapse extends RuntimeException {
        StaleLapse(InactivityWatch.Lapse lapse) {
            super("level " + lapse.level() + " of " + lapse.householdId() + " since " + lapse.since()
                    + " is no longer due in the store", null, false, false);
        }
    }

    /**
     * Reads the timers of these wards' people again from the store: all of them ({@code receivedSince}
     * null, after a take-over), or those who reported activity since then (to any instance).
     */
    Mono<Void> refresh(java.util.Collection<String> wards, Instant receivedSince) {
        if (wards.isEmpty()) {
            return Mono.empty();
        }
        return receivedSince == null
                ? load("where h.ward_code = any($1::text[])", (Object) wards.toArray(String[]::new)).then()
                : load("""
                        where h.ward_code = any($1::text[]) and e.household_id in
                            (select s.household_id from activity_summary s where s.received_at >= $2)""",
                        wards.toArray(String[]::new), receivedSince.atOffset(ZoneOffset.UTC)).then();
    }

    /** One person's timer again from the store. */
    Mono<Void> refresh(String householdId) {
        return load("where e.household_id = $1", householdId).then();
    }

    /** The officer recorded an outcome: no second-day escalation for this lapse. */
    Mono<Void> answered(String householdId) {
        return db.sql("update welfare_enrolment set answered = true where household_id = $1")
                .bind(0, householdId).then()
                .doOnSuccess(done -> watch.answered(householdId));
    }

    private Mono<Void> seedIfEmpty(WelfareSeed seed) {
        return db.sql("select count(*) as n from welfare_enrolment").map(row -> row.get("n", Long.class)).one()
                .filter(count -> count == 0)
                .flatMap(count -> seed.seed(this));
    }

    private Mono<Void> load() {
        return load("").doOnNext(n -> log.info("Inactivity check: {} people enrolled", n)).then();
    }

    /** Reads enrolments and their timers ({@code where}, with these parameters, chooses whose); the count read. */
    private Mono<Long> load(String where, Object... parameters) {
        DatabaseClient.GenericExecuteSpec query = db.sql("""
                        select e.household_id, h.ward_code, e.device_id, e.dong, e.threshold_days, e.officer, e.enrolled_at,
                               e.last_activity_at, e.alert_level, e.answered
                        from welfare_enrolment e join household h on h.id = e.household_id""" + " " + where);
        for (int i = 0; i < parameters.length; i++) {
            query = query.bind(i, parameters[i]);
        }
        return query
                .map(row -> {
                    Enrolment e = new Enrolment(row.get("household_id", String.class), row.get("ward_code", String.class),
                            row.get("device_id", String.class), row.get("dong", String.class),
                            row.get("threshold_days", Integer.class), row.get("officer", String.class),
                            instant(row.get("enrolled_at", java.time.OffsetDateTime.class)),
                            instant(row.get("last_activity_at", java.time.OffsetDateTime.class)));
                    watch.watch(e.householdId(), e.threshold(), e.since(), row.get("alert_level", Integer.class),
                            Boolean.TRUE.equals(row.get("answered", Boolean.class)), e.lastActivityAt() != null);
                    return e;
                })
                .all()
                .doOnNext(e -> byHousehold.put(e.householdId(), e))
                .count();
    }

    private static Instant instant(java.time.OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static <T> String[] column(List<T> rows, Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
