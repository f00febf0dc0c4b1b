package kr.anshim.backend.alarm;

import kr.anshim.api.AlarmAuditEntry;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * The alarm-management audit trail, {@code alarm_audit} (V70), which the database keeps
 * append-only. Written and read on the screens' pool: nothing here may take intake's connections.
 */
@Component
public class AlarmAudit {

    static final int SHOWN = 500;

    private final DatabaseClient db;

    AlarmAudit(ScreenDatabase screens) {
        this.db = screens.client();
    }

    Mono<Void> append(Instant at, String actor, String action, String wardCode, String target, String detail) {
        var spec = db.sql("insert into alarm_audit (at, actor, action, ward_code, target, detail) values ($1, $2, $3, $4, $5, $6)")
                .bind(0, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .bind(1, actor)
                .bind(2, action);
        spec = wardCode == null ? spec.bindNull(3, String.class) : spec.bind(3, wardCode);
        spec = target == null ? spec.bindNull(4, String.class) : spec.bind(4, target);
        spec = detail == null ? spec.bindNull(5, String.class) : spec.bind(5, detail);
        return spec.then();
    }

    /** Newest first, at most {@value #SHOWN}, of these wards (empty: all). */
    Flux<AlarmAuditEntry> newestFirst(Collection<String> wards) {
        return ScreenDatabase.fully(db.sql("""
                        select id, at, actor, action, ward_code, target, detail from alarm_audit
                        where cardinality($1::text[]) = 0 or ward_code = any($1::text[])
                        order by id desc limit""" + " " + SHOWN)
                .bind(0, wards.toArray(String[]::new))
                .map((row, meta) -> new AlarmAuditEntry(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(),
                        row.get("actor", String.class), row.get("action", String.class), row.get("ward_code", String.class),
                        row.get("target", String.class), row.get("detail", String.class)))
                .all());
    }
}
