package kr.anshim.backend.responder;

import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderKind;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The roster in PostgreSQL: facts and status only. Positions are not stored; they change every
 * few seconds and a restart starts everyone at their base until they report again.
 */
@Component
class ResponderStore {

    private static final String IMPORT = """
            insert into responder (id, kind, call_sign, base_name, ward_code, base_latitude, base_longitude)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                 $6::text[]::float8[], $7::text[]::float8[])
            on conflict (id) do update set kind = excluded.kind, call_sign = excluded.call_sign,
                base_name = excluded.base_name, ward_code = excluded.ward_code,
                base_latitude = excluded.base_latitude, base_longitude = excluded.base_longitude""";

    private static final String SELECT = """
            select id, kind, call_sign, base_name, ward_code, base_latitude, base_longitude, status, incident_id,
                   status_changed_at
            from responder order by id""";

    /** Conditional on the status the change was decided from, so two racing changes cannot both win. */
    private static final String CHANGE_STATUS = """
            update responder set status = $1, incident_id = $2, status_changed_at = $3
            where id = $4 and status = $5""";

    private final DatabaseClient db;

    ResponderStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> count() {
        return db.sql("select count(*) as n from responder").map(row -> row.get("n", Long.class)).one();
    }

    /** Inserts or updates the facts of many responders in one statement; statuses are left alone. */
    Mono<Void> importAll(List<DemoResponders.Responder> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(IMPORT)
                .bind(0, column(rows, DemoResponders.Responder::id))
                .bind(1, column(rows, r -> r.kind().name()))
                .bind(2, column(rows, DemoResponders.Responder::callSign))
                .bind(3, column(rows, DemoResponders.Responder::baseName))
                .bind(4, column(rows, DemoResponders.Responder::wardCode))
                .bind(5, column(rows, r -> Double.toString(r.baseLatitude())))
                .bind(6, column(rows, r -> Double.toString(r.baseLongitude())))
                .then();
    }

    /** Everyone, at their base, stamped {@code now} unless their status change time is known. */
    Flux<Tracked> loadAll(Instant now) {
        return db.sql(SELECT)
                .map(row -> {
                    Instant changedAt = row.get("status_changed_at", Instant.class);
                    return new Tracked(row.get("id", String.class),
                            ResponderKind.valueOf(row.get("kind", String.class)),
                            row.get("call_sign", String.class),
                            row.get("base_name", String.class),
                            row.get("ward_code", String.class),
                            row.get("base_latitude", Double.class),
                            row.get("base_longitude", Double.class),
                            ResponderStatus.valueOf(row.get("status", String.class)),
                            row.get("incident_id", UUID.class),
                            changedAt == null ? now : changedAt,
                            null);
                })
                .all();
    }

    /** True if the responder was in status {@code from} and now is in {@code to}; false if its status was not {@code from}. */
    Mono<Boolean> changeStatus(String id, ResponderStatus from, ResponderStatus to, UUID incidentId, Instant at) {
        DatabaseClient.GenericExecuteSpec update = db.sql(CHANGE_STATUS).bind(0, to.name());
        update = incidentId == null ? update.bindNull(1, UUID.class) : update.bind(1, incidentId);
        return update.bind(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .bind(3, id)
                .bind(4, from.name())
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static <T> String[] column(List<T> rows, Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
