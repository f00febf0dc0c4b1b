package kr.anshim.backend.welfare.outbox;

import reactor.core.publisher.Mono;

/**
 * An adapter that delivers messages of one channel. Completes when the message was handed over;
 * an error (or a timeout) means this attempt failed and the outbox tries again later. It must pass
 * {@link OutboxMessage#id()} on as the idempotency key where its provider supports one.
 */
public interface Notifier {

    Channel channel();

    Mono<Void> send(OutboxMessage message);
}
