package kr.anshim.backend.livefeed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.IncidentView;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Fans committed incident changes out to subscribers. A slow subscriber never holds the
 * pipeline back: each has its own {@link ConflatingBuffer}, which keeps the newest state of each
 * incident waiting for it (every change carries the whole incident, so skipping an older state
 * loses nothing) and holds at most {@value #SUBSCRIBER_BUFFER} incidents; a subscriber further
 * behind than that is ended, and resubscribes for a fresh snapshot.
 */
@Component
public class LiveFeed {

    static final int SUBSCRIBER_BUFFER = 10_000;

    private final Sinks.Many<IncidentView> sink = Sinks.many().multicast().directBestEffort();
    private final Counter published;
    private final Counter conflated;
    private final Counter overflowed;
    private final Set<ConflatingBuffer<UUID, IncidentView>> buffers = ConcurrentHashMap.newKeySet();
    private final Counter failed;
    private final PublishLatency latency;

    LiveFeed(MeterRegistry meters, Clock clock) {
        this.published = Counter.builder("anshim.livefeed.changes").tag("outcome", "published").register(meters);
        this.conflated = Counter.builder("anshim.livefeed.changes").tag("outcome", "conflated")
                .description("Older states of an incident skipped for a slow subscriber (its newest state is kept)")
                .register(meters);
        this.overflowed = Counter.builder("anshim.livefeed.overflows")
                .description("Subscribers ended for falling too many incidents behind (they resubscribe)")
                .register(meters);
        meters.gauge("anshim.livefeed.buffered", buffers, LiveFeed::waiting);
        this.failed = Counter.builder("anshim.livefeed.changes").tag("outcome", "failed").register(meters);
        meters.gauge("anshim.livefeed.subscribers", sink, Sinks.Many::currentSubscriberCount);
        this.latency = new PublishLatency(clock, meters);
    }

    /**
     * Called in commit order by the ward owner's stage (standalone) or the change-feed consumer
     * (cluster); synchronized because the standalone database fan-out publishes from its own thread
     * and a multicast sink refuses concurrent emissions.
     */
    public synchronized void publish(IncidentView change) {
        Sinks.EmitResult result = sink.tryEmitNext(change);
        if (result.isSuccess() || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            published.increment();
            latency.published(change);
        } else {
            failed.increment();
        }
    }

    /**
     * Starts listening at once: every change published from now on that {@code scope} accepts
     * waits in the returned buffer until its reader ({@link ConflatingBuffer#flux()}) asks for it.
     * Dispose it (cancelling its reader does) to stop listening.
     */
    public ConflatingBuffer<UUID, IncidentView> listen(Predicate<IncidentView> scope) {
        ConflatingBuffer<UUID, IncidentView>[] self = new ConflatingBuffer[1];
        self[0] = new ConflatingBuffer<>(IncidentView::id, IncidentView::version, SUBSCRIBER_BUFFER,
                conflated::increment, overflowed::increment, () -> buffers.remove(self[0]));
        buffers.add(self[0]);
        return self[0].listen(sink.asFlux().filter(scope));
    }

    /**
     * Every change published from now on, for in-process observers that keep up (alarm management's
     * flood monitor): best effort, so an observer without demand misses changes, never slows the feed.
     */
    public Flux<IncidentView> changes() {
        return sink.asFlux();
    }

    /** Changes waiting for their subscribers, over all subscribers. */
    static double waiting(Set<ConflatingBuffer<UUID, IncidentView>> buffers) {
        return buffers.stream().mapToInt(ConflatingBuffer::size).sum();
    }
}
