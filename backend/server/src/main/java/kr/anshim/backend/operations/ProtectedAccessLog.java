package kr.anshim.backend.operations;

import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.ProtectedAccess;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Who read a protected person's unmasked record, when, for which household and incident. Stored in
 * {@code protected_access}, which the database keeps append-only (V50); supervisors review it.
 */
@Component
class ProtectedAccessLog {

    static final int SHOWN = 500;

    private final DatabaseClient db;
    private final Clock clock;

    ProtectedAccessLog(ScreenDatabase screens, Clock clock) {
        this.db = screens.client();
        this.clock = clock;
    }

    Mono<Void> record(Caller caller, String householdId, UUID incidentId) {
        return record(caller, householdId, incidentId, ProtectedAccess.RECORD);
    }

    /** One unmasked read of {@code what} ({@link ProtectedAccess#RECORD}, {@code SNAPSHOT}, {@code EXPORT}). */
    Mono<Void> record(Caller caller, String householdId, UUID incidentId, String what) {
        String reader = caller.kind() == ConnectionCredentials.Kind.USER ? caller.id()
                : caller.kind().name().toLowerCase() + ":" + caller.id();
        var spec = db.sql("insert into protected_access (at, reader, role, household_id, incident_id, what) values ($1, $2, $3, $4, $5, $6)")
                .bind(0, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .bind(1, reader);
        spec = caller.role() == null ? spec.bindNull(2, String.class) : spec.bind(2, caller.role().name());
        return spec.bind(3, householdId).bind(4, incidentId).bind(5, what).then();
    }

    Flux<ProtectedAccess> newestFirst() {
        return db.sql("select at, reader, role, household_id, incident_id, what from protected_access order by id desc limit " + SHOWN)
                .map((row, meta) -> new ProtectedAccess(row.get("at", OffsetDateTime.class).toInstant(),
                        row.get("reader", String.class), row.get("role", String.class),
                        row.get("household_id", String.class), row.get("incident_id", UUID.class), row.get("what", String.class)))
                .all();
    }
}
