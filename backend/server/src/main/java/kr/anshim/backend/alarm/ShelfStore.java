package kr.anshim.backend.alarm;

import kr.anshim.api.ShelveRequest;
import kr.anshim.api.ShelvedItem;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The shelf in {@code alarm_shelf} (V70), on the screens' pool: at most one active entry per target. */
@Component
class ShelfStore {

    private final DatabaseClient db;

    ShelfStore(ScreenDatabase screens) {
        this.db = screens.client();
    }

    Mono<Void> insert(ShelvedItem item) {
        return db.sql("""
                        insert into alarm_shelf (id, target_kind, target_id, ward_code, reason, shelved_by, shelved_at, expires_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .bind(0, item.id()).bind(1, item.target().name()).bind(2, item.targetId()).bind(3, item.wardCode())
                .bind(4, item.reason()).bind(5, item.shelvedBy()).bind(6, utc(item.shelvedAt())).bind(7, utc(item.expiresAt()))
                .then();
    }

    /** Ends the entry if it is still active; true if this call ended it. */
    Mono<Boolean> end(UUID id, Instant at, String actor, String kind) {
        return db.sql("update alarm_shelf set ended_at = $2, ended_by = $3, end_kind = $4 where id = $1 and ended_at is null")
                .bind(0, id).bind(1, utc(at)).bind(2, actor).bind(3, kind)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    Flux<ShelvedItem> active() {
        return db.sql("""
                        select id, target_kind, target_id, ward_code, reason, shelved_by, shelved_at, expires_at
                        from alarm_shelf where ended_at is null""")
                .map((row, meta) -> new ShelvedItem(row.get("id", UUID.class),
                        ShelveRequest.Target.valueOf(row.get("target_kind", String.class)), row.get("target_id", String.class),
                        row.get("ward_code", String.class), row.get("reason", String.class), row.get("shelved_by", String.class),
                        row.get("shelved_at", OffsetDateTime.class).toInstant(), row.get("expires_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
