package kr.anshim.backend.security;

import kr.anshim.api.AdminAuditEntry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The append-only admin audit trail (table admin_audit; the database refuses updates and deletes). */
@Component
public class AdminAudit {

    private final DatabaseClient db;
    private final Clock clock;

    AdminAudit(kr.anshim.backend.storage.ScreenDatabase screens, Clock clock) {
        this.db = screens.client();
        this.clock = clock;
    }

    public Mono<Void> append(String actor, String action, String subject, String detail) {
        var spec = db.sql("insert into admin_audit (at, actor, action, subject, detail) values ($1, $2, $3, $4, $5)")
                .bind(0, clock.instant().atOffset(ZoneOffset.UTC)).bind(1, actor).bind(2, action).bind(3, subject);
        return (detail == null ? spec.bindNull(4, String.class) : spec.bind(4, detail)).then();
    }

    Flux<AdminAuditEntry> newestFirst(int limit) {
        return db.sql("select id, at, actor, action, subject, detail from admin_audit order by id desc limit $1")
                .bind(0, limit)
                .map(row -> new AdminAuditEntry(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(),
                        row.get("actor", String.class), row.get("action", String.class), row.get("subject", String.class),
                        row.get("detail", String.class)))
                .all();
    }
}
