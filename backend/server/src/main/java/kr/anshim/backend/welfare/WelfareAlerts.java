package kr.anshim.backend.welfare;

import kr.anshim.api.welfare.WelfareTimes;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One row per welfare incident: when it fell due (the threshold passed, the visit fell overdue), when
 * the officer first reached out and when they recorded the outcome. It also tells which incidents are
 * whose: the officer scope reads it from memory.
 */
@Component
class WelfareAlerts {

    /** Whose a welfare incident is. {@code officer} is null for a visit (the ward's officers follow it). */
    record Owner(UUID incidentId, String kind, String householdId, String wardCode, String officer, Instant dueAt) {

        boolean visit() {
            return "VISIT".equals(kind);
        }
    }

    private final DatabaseClient db;
    private final Map<UUID, Owner> owners = new ConcurrentHashMap<>();
    private final Mono<Void> ready;

    WelfareAlerts(DatabaseClient db) {
        this.db = db;
        this.ready = db.sql("select incident_id, kind, household_id, ward_code, officer, due_at from welfare_alert")
                .map(row -> new Owner(row.get("incident_id", UUID.class), row.get("kind", String.class),
                        row.get("household_id", String.class), row.get("ward_code", String.class), emptyToNull(row.get("officer", String.class)),
                        row.get("due_at", OffsetDateTime.class).toInstant()))
                .all()
                .doOnNext(owner -> owners.put(owner.incidentId(), owner))
                .then()
                // success only is cached: a failed read is tried again by the next subscriber
                .retry(3)
                .cache(done -> java.time.Duration.ofDays(36500), error -> java.time.Duration.ZERO, () -> java.time.Duration.ofDays(36500));
    }

    Mono<Void> ready() {
        return ready;
    }

    Optional<Owner> owner(UUID incidentId) {
        return Optional.ofNullable(owners.get(incidentId));
    }

    Collection<Owner> owners() {
        return owners.values();
    }

    /** A new alert, inside the incident's transaction; a further lapse of the same incident keeps the first row. */
    Mono<Void> record(Owner owner, Instant raisedAt) {
        return db.sql("""
                        insert into welfare_alert (incident_id, kind, household_id, ward_code, officer, due_at, raised_at)
                        values ($1, $2, $3, $4, $5, $6, $7) on conflict (incident_id) do nothing""")
                .bind(0, owner.incidentId()).bind(1, owner.kind()).bind(2, owner.householdId()).bind(3, owner.wardCode())
                .bind(4, owner.officer() == null ? "" : owner.officer())
                .bind(5, owner.dueAt().atOffset(ZoneOffset.UTC)).bind(6, raisedAt.atOffset(ZoneOffset.UTC))
                .then()
                .doOnSuccess(done -> owners.putIfAbsent(owner.incidentId(), owner));
    }

    /** The officer's contact; true if it is the first (later ones keep the first). Inside the incident's transaction. */
    Mono<Boolean> contacted(UUID incidentId, String by, Instant at) {
        return db.sql("""
                        update welfare_alert set first_contact_at = $2, first_contact_by = $3
                        where incident_id = $1 and first_contact_at is null""")
                .bind(0, incidentId).bind(1, at.atOffset(ZoneOffset.UTC)).bind(2, by)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** The outcome (an outcome without an earlier contact is the first contact too); true if it was still open. */
    Mono<Boolean> closed(UUID incidentId, String outcome, String by, Instant at) {
        return db.sql("""
                        update welfare_alert set outcome = $2, outcome_by = $3, outcome_at = $4
                        where incident_id = $1 and outcome is null""")
                .bind(0, incidentId).bind(1, outcome).bind(2, by).bind(3, at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Instant> firstContact(UUID incidentId) {
        return db.sql("select first_contact_at from welfare_alert where incident_id = $1").bind(0, incidentId)
                .map(row -> Optional.ofNullable(row.get("first_contact_at", OffsetDateTime.class)))
                .one()
                .flatMap(at -> Mono.justOrEmpty(at.map(OffsetDateTime::toInstant)));
    }

    /** Per ward since {@code since}: alerts, still open, medians to first contact and to outcome. */
    Flux<WelfareTimes> times(Instant since, Set<String> wards) {
        return db.sql("""
                        select ward_code, count(*) as alerts, count(*) filter (where outcome is null) as open,
                               percentile_cont(0.5) within group (order by extract(epoch from first_contact_at - due_at)) as to_contact,
                               percentile_cont(0.5) within group (order by extract(epoch from outcome_at - due_at)) as to_outcome,
                               max(extract(epoch from outcome_at - due_at)) as max_outcome
                        from welfare_alert where raised_at >= $1 and (cardinality($2::text[]) = 0 or ward_code = any($2::text[]))
                        group by ward_code order by ward_code""")
                .bind(0, since.atOffset(ZoneOffset.UTC)).bind(1, wards.toArray(String[]::new))
                .map(row -> new WelfareTimes(row.get("ward_code", String.class), row.get("alerts", Long.class),
                        row.get("open", Long.class), number(row.get("to_contact")), number(row.get("to_outcome")),
                        number(row.get("max_outcome"))))
                .all();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
