package kr.anshim.backend.welfare.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification. Its id is its identity everywhere: the outbox row's key and the idempotency key
 * adapters pass on, so a message re-sent after a crash mid-send is recognised downstream.
 *
 * @param attempts how many deliveries were started, this one included
 */
public record OutboxMessage(UUID id, Instant createdAt, Channel channel, String recipient, String subject, String body,
                            UUID incidentId, int attempts) {
}
