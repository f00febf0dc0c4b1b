package kr.anshim.backend.livefeed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.IncidentView;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Clock;

/**
 * Fans committed incident changes out to subscribers. A slow subscriber never holds the
 * pipeline back: each has its own bounded buffer, and when it overflows the oldest changes go;
 * every change carries the whole incident, so the next one corrects the screen.
 */
@Component
public class LiveFeed {

    static final int SUBSCRIBER_BUFFER = 10_000;

    private final Sinks.Many<IncidentView> sink = Sinks.many().multicast().directBestEffort();
    private final Counter published;
    private final Counter dropped;
    private final Counter failed;
    private final PublishLatency latency;

    LiveFeed(MeterRegistry meters, Clock clock) {
        this.published = Counter.builder("anshim.livefeed.changes").tag("outcome", "published").register(meters);
        this.dropped = Counter.builder("anshim.livefeed.changes").tag("outcome", "dropped").register(meters);
        this.failed = Counter.builder("anshim.livefeed.changes").tag("outcome", "failed").register(meters);
        meters.gauge("anshim.livefeed.subscribers", sink, Sinks.Many::currentSubscriberCount);
        this.latency = new PublishLatency(clock, meters);
    }

    /** Called from the journal's serial commit stage only, so emissions never race. */
    public void publish(IncidentView change) {
        Sinks.EmitResult result = sink.tryEmitNext(change);
        if (result.isSuccess() || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            published.increment();
            latency.published(change);
        } else {
            failed.increment();
        }
    }

    public Flux<IncidentView> changes() {
        return sink.asFlux()
                .onBackpressureBuffer(SUBSCRIBER_BUFFER, change -> dropped.increment(), BufferOverflowStrategy.DROP_OLDEST);
    }
}
