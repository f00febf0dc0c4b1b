package kr.anshim.backend.welfare.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox table. Messages are added inside the transaction that decided to send them (so an
 * alert and its notification are stored together or not at all), claimed by a dispatcher under a
 * lease, and marked SENT, PENDING again (with the next attempt's time) or GAVE_UP. Every message
 * stays, with its state, attempts and last error.
 */
@Component
public class Outbox {

    /** A message's delivery state as stored. */
    public record Delivery(UUID id, Channel channel, String recipient, String state, int attempts, Instant nextAttemptAt,
                           String lastError, Instant sentAt) {
    }

    private final DatabaseClient db;

    Outbox(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Adds a message to send as soon as possible. Idempotent by id: adding the same id again (a retried
     * transaction, a second instance deciding the same thing) keeps the first.
     */
    public Mono<Void> enqueue(OutboxMessage m) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        insert into outbox_message (id, created_at, channel, recipient, subject, body, incident_id, state, next_attempt_at)
                        values ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $2) on conflict (id) do nothing""")
                .bind(0, m.id()).bind(1, m.createdAt().atOffset(ZoneOffset.UTC)).bind(2, m.channel().name())
                .bind(3, m.recipient()).bind(4, m.subject()).bind(5, m.body());
        return (m.incidentId() == null ? spec.bindNull(6, UUID.class) : spec.bind(6, m.incidentId())).then();
    }

    /**
     * Claims up to {@code limit} messages due at {@code now} on {@code channels}: pending ones whose time
     * has come and ones whose lease expired (a dispatcher that crashed mid-send). {@code skip locked}: two
     * dispatchers never claim one message.
     */
    Flux<OutboxMessage> claim(Instant now, Duration lease, int limit, Set<Channel> channels) {
        return db.sql("""
                        update outbox_message set state = 'SENDING', lease_until = $2, attempts = attempts + 1
                        where id in (select id from outbox_message
                                     where channel = any($4::text[])
                                       and ((state = 'PENDING' and next_attempt_at <= $1) or (state = 'SENDING' and lease_until <= $1))
                                     order by next_attempt_at limit $3 for update skip locked)
                        returning id, created_at, channel, recipient, subject, body, incident_id, attempts""")
                .bind(0, now.atOffset(ZoneOffset.UTC)).bind(1, now.plus(lease).atOffset(ZoneOffset.UTC)).bind(2, limit)
                .bind(3, channels.stream().map(Enum::name).toArray(String[]::new))
                .map(row -> new OutboxMessage(row.get("id", UUID.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                        Channel.valueOf(row.get("channel", String.class)), row.get("recipient", String.class),
                        row.get("subject", String.class), row.get("body", String.class), row.get("incident_id", UUID.class),
                        row.get("attempts", Integer.class)))
                .all();
    }

    /** Delivered: only a message still claimed by this attempt changes, so a late answer cannot undo another's. */
    Mono<Boolean> sent(OutboxMessage m, Instant at) {
        return db.sql("""
                        update outbox_message set state = 'SENT', sent_at = $2, lease_until = null, last_error = null
                        where id = $1 and state = 'SENDING' and attempts = $3""")
                .bind(0, m.id()).bind(1, at.atOffset(ZoneOffset.UTC)).bind(2, m.attempts())
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** This attempt failed: try again at {@code next}, or give up (kept, counted) when {@code next} is null. */
    Mono<Void> failed(OutboxMessage m, String error, Instant next, Instant now) {
        return db.sql("""
                        update outbox_message set state = $2, next_attempt_at = $3, lease_until = null,
                            last_error = $4
                        where id = $1 and state = 'SENDING' and attempts = $5""")
                .bind(0, m.id()).bind(1, next == null ? "GAVE_UP" : "PENDING")
                .bind(2, (next == null ? now : next).atOffset(ZoneOffset.UTC))
                .bind(3, error.length() > 500 ? error.substring(0, 500) : error)
                .bind(4, m.attempts())
                .then();
    }

    public Mono<Delivery> delivery(UUID id) {
        return db.sql("select id, channel, recipient, state, attempts, next_attempt_at, last_error, sent_at from outbox_message where id = $1")
                .bind(0, id)
                .map(row -> new Delivery(row.get("id", UUID.class), Channel.valueOf(row.get("channel", String.class)),
                        row.get("recipient", String.class), row.get("state", String.class), row.get("attempts", Integer.class),
                        row.get("next_attempt_at", OffsetDateTime.class).toInstant(), row.get("last_error", String.class),
                        sentAt(row.get("sent_at", OffsetDateTime.class))))
                .one();
    }

    /** The messages about one incident, oldest first. */
    public Flux<Delivery> aboutIncident(UUID incidentId) {
        return db.sql("select id from outbox_message where incident_id = $1 order by created_at, id").bind(0, incidentId)
                .map(row -> row.get("id", UUID.class)).all()
                .concatMap(this::delivery);
    }

    public Mono<List<String>> states() {
        return db.sql("select state from outbox_message").map(row -> row.get("state", String.class)).all().collectList();
    }

    private static Instant sentAt(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
