package kr.anshim.backend.livefeed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import kr.anshim.api.IncidentView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code anshim.livefeed.latency}: from an incident change being made (its {@code updatedAt}, stamped
 * when the alarm batch or command that changed it is planned) to its publication on the live feed,
 * by the injected clock. It covers correlation, the database commit and the hand-over to the feed;
 * an alarm's wait before its batch is in {@code anshim.ingest.commit.latency}.
 * <p>
 * A republication without a change (aging re-ranks incidents but keeps their {@code updatedAt}) is
 * not a new change and is not timed; that is why the last timed {@code updatedAt} of each open
 * incident is remembered, and forgotten when the incident ends.
 */
final class PublishLatency {


    private final Clock clock;
    private final Timer timer;
    private final Map<UUID, Instant> lastTimed = new ConcurrentHashMap<>();

    PublishLatency(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.timer = Timer.builder("anshim.livefeed.latency")
                .description("From an incident change being made to its publication on the live feed")
                // buckets, not client-side percentiles: Prometheus computes any percentile from them,
                // across instances (histogram_quantile); a timer with buckets exposes no quantiles there
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    /** Called from the serial stage, like {@link LiveFeed#publish}. */
    void published(IncidentView change) {
        Instant previous = lastTimed.get(change.id());
        boolean newer = previous == null || change.updatedAt().isAfter(previous);
        if (change.status().isClosed()) {
            lastTimed.remove(change.id());
        } else if (newer) {
            lastTimed.put(change.id(), change.updatedAt());
        }
        if (!newer) {
            return;
        }
        Duration latency = Duration.between(change.updatedAt(), clock.instant());
        if (!latency.isNegative()) {
            timer.record(latency);
        }
    }

    /** Open incidents whose last timed change is remembered. */
    int remembered() {
        return lastTimed.size();
    }
}
