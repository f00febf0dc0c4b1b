package kr.anshim.backend.welfare.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.backend.welfare.WelfareProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Delivers due messages, one round at a time: claim (under a lease), hand each to its channel's
 * adapter, then mark it SENT, or PENDING again after a backoff that doubles per attempt (capped), or
 * GAVE_UP after the last attempt. A dispatcher that stops mid-round leaves its claims to expire;
 * the next one (after a restart, or another instance) takes them up with the same message id.
 */
public final class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final Map<Channel, Notifier> adapters = new EnumMap<>(Channel.class);
    private final WelfareProperties.Outbox settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public OutboxDispatcher(Outbox outbox, Collection<Notifier> notifiers, WelfareProperties.Outbox settings, Clock clock,
                            MeterRegistry meters) {
        this.outbox = outbox;
        notifiers.forEach(n -> adapters.put(n.channel(), n));
        if (settings.lease().compareTo(settings.sendTimeout()) <= 0) {
            // an attempt must end (by its timeout at the latest) while its claim holds, or two could overlap
            throw new IllegalArgumentException("anshim.welfare.outbox.lease must be longer than send-timeout");
        }
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** One round: completes with how many messages were delivered. Never errors for an adapter's failure. */
    public Mono<Long> round() {
        if (adapters.isEmpty()) {
            return Mono.just(0L);
        }
        return outbox.claim(clock.instant(), settings.lease(), settings.batch(), adapters.keySet())
                .flatMap(this::deliver, 4)
                .filter(Boolean::booleanValue)
                .count();
    }

    private Mono<Boolean> deliver(OutboxMessage message) {
        return Mono.defer(() -> adapters.get(message.channel()).send(message))
                .timeout(settings.sendTimeout())
                .then(Mono.defer(() -> outbox.sent(message, clock.instant())))
                .doOnNext(done -> count(message, "sent"))
                .onErrorResume(error -> retryLater(message, error).thenReturn(false));
    }

    private Mono<Void> retryLater(OutboxMessage message, Throwable error) {
        boolean last = message.attempts() >= settings.maxAttempts();
        Instant next = last ? null : clock.instant().plus(backoff(message.attempts()));
        count(message, last ? "gave_up" : "retried");
        log.warn("Notification {} ({}) attempt {} failed{}: {}", message.id(), message.channel(), message.attempts(),
                last ? ", giving up" : ", next at " + next, error.toString());
        return outbox.failed(message, String.valueOf(error.getMessage() == null ? error : error.getMessage()), next, clock.instant())
                .onErrorResume(storeError -> Mono.empty());
    }

    /** The delay after the given failed attempt: first-retry, doubling, at most max-retry. */
    Duration backoff(int attempts) {
        Duration delay = settings.firstRetry();
        for (int i = 1; i < attempts && delay.compareTo(settings.maxRetry()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : delay;
    }

    private void count(OutboxMessage message, String outcome) {
        meters.counter("anshim.welfare.outbox.deliveries", "channel", message.channel().name(), "outcome", outcome).increment();
    }
}
